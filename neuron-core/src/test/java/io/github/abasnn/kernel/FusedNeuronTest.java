package io.github.abasnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.neuron.EventNeuron;
import io.github.abasnn.neuron.NeuronGradients;
import io.github.abasnn.neuron.RefinedNeuron;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.testing.Arrays2;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused kernels against the op-chain reference, including the ablation options and the event form. */
class FusedNeuronTest {

    @Property(tries = 60)
    void squeezedKernelEqualsTheReference(@ForAll @IntRange(min = 1, max = 4) int t,
                                          @ForAll @IntRange(min = 1, max = 6) int bits,
                                          @ForAll @DoubleRange(min = 0.5, max = 1.0) double decay,
                                          @ForAll boolean floor,
                                          @ForAll boolean signed,
                                          @ForAll long seed) {
        Firing firing = floor ? Firing.FLOOR : Firing.ROUND;
        INDArray x = Arrays2.gaussian(seed, 0.4, 1, 3, 70000); // spans several chunks
        INDArray gradOut = Arrays2.gaussian(seed + 1, 0, 1, 3, 70000);
        double[] steps = new double[t];
        double[] bitHats = new double[t];
        int[] intBits = new int[t];
        for (int s = 0; s < t; s++) {
            steps[s] = 0.2 + 0.1 * s;
            intBits[s] = Math.max(1, bits - s);
            bitHats[s] = intBits[s];
        }
        RefinedNeuron ref = new RefinedNeuron(t, 8, signed, decay, firing);
        RefinedNeuron.Forward rf = ref.forward(x, t, steps.clone(), bitHats);
        NeuronGradients rg = ref.backward(rf, gradOut, bitHats);

        FusedNeuron fused = new FusedTimeFreeNeuron(signed, decay, firing);
        INDArray out = x.like();
        long[] nonzero = fused.forward(x, out, t, steps, intBits);
        INDArray gradX = x.like();
        FusedNeuron.Gradients fg = fused.backward(x, gradOut, gradX, t, steps, intBits);

        assertTrue(out.equalsWithEps(rf.output(), 1e-12));
        assertTrue(gradX.equalsWithEps(rg.input(), 1e-12));
        assertArrayEquals(rg.steps(), fg.steps(), 1e-9);
        assertArrayEquals(rg.bitHats(), fg.bits(), 1e-6);
        assertEquals(rg.tHat(), fg.tHat(), 1e-7);
        for (int s = 0; s < t; s++) {
            long expected = rf.fired()[s].levels().neq(0).castTo(DataType.INT64).sumNumber().longValue();
            assertEquals(expected, nonzero[s], "nonzero spikes of step " + s);
        }
    }

    @Property(tries = 40)
    void unrolledKernelEqualsTheEventNeuron(@ForAll @IntRange(min = 1, max = 4) int t,
                                            @ForAll @IntRange(min = 1, max = 5) int bits,
                                            @ForAll boolean signed,
                                            @ForAll long seed) {
        int n = 40000;
        INDArray x = Arrays2.gaussian(seed, 0.4, 1, t, n);
        INDArray gradOut = Arrays2.gaussian(seed + 1, 0, 1, t, n);
        double[] steps = new double[t];
        double[] bitHats = new double[t];
        int[] intBits = new int[t];
        INDArray[] frames = new INDArray[t];
        INDArray[] grads = new INDArray[t];
        for (int s = 0; s < t; s++) {
            steps[s] = 0.3 + 0.05 * s;
            intBits[s] = bits;
            bitHats[s] = bits;
            frames[s] = x.getRow(s).dup();
            grads[s] = gradOut.getRow(s).dup();
        }
        EventNeuron ref = new EventNeuron(t, 8, signed);
        EventNeuron.Forward rf = ref.forward(frames, steps.clone(), bitHats);
        EventNeuron.Gradients rg = ref.backward(rf, grads, bitHats);

        FusedNeuron fused = FusedEventNeuron.method(signed);
        INDArray out = x.like();
        fused.forward(x, out, t, steps, intBits);
        INDArray gradX = x.like();
        FusedNeuron.Gradients fg = fused.backward(x, gradOut, gradX, t, steps, intBits);
        for (int s = 0; s < t; s++) {
            assertTrue(out.getRow(s).equalsWithEps(rf.output()[s], 1e-12), "spikes of step " + s);
            assertTrue(gradX.getRow(s).equalsWithEps(rg.inputs()[s], 1e-12), "input gradient of step " + s);
        }
        assertArrayEquals(rg.steps(), fg.steps(), 1e-9);
        assertArrayEquals(rg.bitHats(), fg.bits(), 1e-6);
    }

    @Test
    void membraneIsWhatTheStepsQuantizerSees() {
        INDArray x = Arrays2.gaussian(9, 0.5, 1, 1000);
        double[] steps = {0.3, 0.4, 0.5};
        int[] bits = {2, 3, 1};
        FusedTimeFreeNeuron fused = FusedTimeFreeNeuron.method(false);
        RefinedNeuron.Forward rf = new RefinedNeuron(3, 8, false).forward(x, 3, steps.clone(), new double[] {2, 3, 1});
        for (int t = 0; t < 3; t++) {
            INDArray m = x.like();
            fused.membrane(x, m, t, steps, bits);
            assertTrue(m.div(steps[t]).equalsWithEps(rf.fired()[t].v(), 1e-12), "step " + t);
        }
    }

    @Test
    void worksOnFloatArraysAndViews() {
        INDArray x = Arrays2.gaussian(3, 0.5, 1, 4, 100).castTo(DataType.FLOAT);
        INDArray row = x.getRow(2);
        INDArray out = Nd4j.create(DataType.FLOAT, 100);
        FusedTimeFreeNeuron.method(false).forward(row, out, 1, new double[] {0.25}, new int[] {3});
        INDArray expected = io.github.abasnn.quant.SpikeQuantizer.forward(row.dup(), 0.25, 3, false).output();
        assertTrue(out.equalsWithEps(expected, 1e-6));
    }

    @Test
    void theInputsFormChoosesTheKernel() {
        var timeFree = new io.github.abasnn.neuron.NeuronEngine.Spec(false, 1, io.github.abasnn.quant.Firing.ROUND, 0,
                8, 4);
        var frames = new io.github.abasnn.neuron.NeuronEngine.Spec(false, 1, io.github.abasnn.quant.Firing.ROUND, 3,
                8, 3);
        assertTrue(FusedNeuron.of(timeFree) instanceof FusedTimeFreeNeuron);
        assertTrue(FusedNeuron.of(frames) instanceof FusedEventNeuron);
        // event frames: the membrane of step 1 is one frame's size; time-free: the input's
        INDArray x = Arrays2.gaussian(5, 0.5, 1, 3, 10);
        double[] steps = {0.3, 0.3, 0.3};
        int[] bits = {2, 2, 2};
        assertEquals(10, FusedNeuron.of(frames).membrane(x, 1, 3, steps, bits).length());
        assertEquals(30, FusedNeuron.of(timeFree).membrane(x, 1, 3, steps, bits).length());
    }
}
