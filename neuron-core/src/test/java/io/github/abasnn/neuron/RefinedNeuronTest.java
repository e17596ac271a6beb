package io.github.abasnn.neuron;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.testing.Arrays2;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class RefinedNeuronTest {

    @Property(tries = 100)
    void withOneTimeStepTheNeuronIsThePlainQuantizer(@ForAll @IntRange(min = 1, max = 8) int bits,
                                                     @ForAll @DoubleRange(min = 0.01, max = 2) double step,
                                                     @ForAll @IntRange(min = 1, max = 4) int tMax,
                                                     @ForAll boolean signed,
                                                     @ForAll long seed) {
        INDArray x = Arrays2.gaussian(seed, 0.3, 1, 3, 4, 5);
        INDArray gradOut = Arrays2.gaussian(seed + 1, 0, 1, 3, 4, 5);
        double[] steps = filled(tMax, step);
        double[] bitHats = filled(tMax, bits);
        RefinedNeuron neuron = new RefinedNeuron(tMax, 8, signed);
        RefinedNeuron.Forward f = neuron.forward(x, 1.2, steps, bitHats);
        SpikeQuantizer.Forward q = SpikeQuantizer.forward(x, step, bits, signed);
        assertEquals(1, f.timeSteps());
        assertEquals(q.output(), f.output());

        NeuronGradients g = neuron.backward(f, gradOut, bitHats);
        QuantizerGradients qg = SpikeQuantizer.backward(q, gradOut);
        assertEquals(qg.input(), g.input());
        assertEquals(qg.step(), g.steps()[0], 1e-12);
        assertEquals(qg.bits(), g.bitHats()[0], 1e-12);
    }

    @Test
    void softResetCarriesTheResidueToTheNextStep() {
        // x = 0.7, g = 1, 1 bit, T = 2: m0 = 0.7 fires 1, m1 = (0.7 - 1) + 0.7 = 0.4 fires 0 -> out 0.5
        RefinedNeuron neuron = new RefinedNeuron(2, 6, false);
        RefinedNeuron.Forward f = neuron.forward(Arrays2.of(0.7), 2, new double[] {1, 1}, new double[] {1, 1});
        assertEquals(0.5, f.output().getDouble(0), 1e-15);
        assertEquals(1.0, f.fired()[0].levels().getDouble(0));
        assertEquals(0.0, f.fired()[1].levels().getDouble(0));
    }

    @Test
    void temporalGradientIsMinusTheOutputOverT() {
        RefinedNeuron neuron = new RefinedNeuron(3, 6, false);
        INDArray x = Arrays2.gaussian(7, 1, 1, 4, 6);
        INDArray gradOut = Arrays2.gaussian(8, 0, 1, 4, 6);
        RefinedNeuron.Forward f = neuron.forward(x, 2.6, new double[] {0.3, 0.3, 0.3}, new double[] {3, 3, 3});
        NeuronGradients g = neuron.backward(f, gradOut, new double[] {3, 3, 3});
        assertEquals(3, f.timeSteps());
        assertEquals(-gradOut.mul(f.output()).sumNumber().doubleValue() / 3, g.tHat(), 1e-12);
    }

    @Test
    void stepsBeyondTGetNoGradient() {
        RefinedNeuron neuron = new RefinedNeuron(3, 6, false);
        INDArray x = Arrays2.gaussian(3, 1, 1, 10);
        RefinedNeuron.Forward f = neuron.forward(x, 1.4, new double[] {0.3, 0.3, 0.3}, new double[] {1.6, 1.6, 1.6});
        NeuronGradients g = neuron.backward(f, Arrays2.gaussian(4, 0, 1, 10), new double[] {1.6, 1.6, 1.6});
        assertEquals(1, f.timeSteps());
        assertEquals(0.0, g.steps()[1]);
        assertEquals(0.0, g.steps()[2]);
        assertEquals(0.0, g.bitHats()[2]);
    }

    @Test
    void nonFiniteInputIsRejected() {
        RefinedNeuron neuron = new RefinedNeuron(2, 6, false);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> neuron.forward(Arrays2.of(1, Double.NaN), 2, new double[] {1, 1}, new double[] {4, 4}));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> neuron.forward(Arrays2.of(Double.NEGATIVE_INFINITY), 2, new double[] {1, 1}, new double[] {4, 4}));
        assertTrue(inf.getMessage().contains("infinite"), inf.getMessage());
    }

    @Test
    void temporalLengthOutsideItsRangeIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RefinedNeuron(0, 6, false));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
        IllegalArgumentException within = assertThrows(IllegalArgumentException.class,
                () -> TimeSteps.checkWithin(4, 3, "init T"));
        assertTrue(within.getMessage().contains("init T = 4") && within.getMessage().contains("T_max = 3"));
        assertThrows(IllegalArgumentException.class, () -> TimeSteps.effective(Double.NaN, 3));
    }

    @Test
    void perStepParametersMustCoverTMax() {
        RefinedNeuron neuron = new RefinedNeuron(3, 6, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> neuron.forward(Arrays2.of(1), 2, new double[] {1, 1}, new double[] {4, 4, 4}));
        assertTrue(e.getMessage().contains("steps") && e.getMessage().contains("got 2"), e.getMessage());
    }

    @Test
    void effectiveTimeStepsRoundThenClip() {
        assertEquals(1, TimeSteps.effective(-2, 3));
        assertEquals(2, TimeSteps.effective(1.5, 3));
        assertEquals(3, TimeSteps.effective(7.2, 3));
    }

    static double[] filled(int n, double v) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
