package io.github.abasnn.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.abasnn.neuron.NeuronEngine;
import io.github.abasnn.neuron.ReferenceEngine;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.testing.Arrays2;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The two engines behind the layer's one seam give the same spikes, gradients and membranes. */
class NeuronEnginesTest {
    private static final double TOL = 1e-12;

    private static NeuronEngine.Setting setting() {
        return new NeuronEngine.Setting(3, 3.2, new double[] {0.4, 0.3, 0.5, 0.2}, new double[] {2.3, 3.1, 1.6, 4},
                new int[] {2, 3, 2, 4});
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3})
    void fusedAndReferenceAgree(int frames) {
        NeuronEngine.Spec spec = new NeuronEngine.Spec(false, 0.9, Firing.ROUND, frames, 8, frames > 0 ? 3 : 4);
        NeuronEngine fused = new FusedEngine(spec);
        NeuronEngine reference = new ReferenceEngine(spec);
        NeuronEngine.Setting s = setting();
        if (frames > 0) { // the frames are the steps
            s = new NeuronEngine.Setting(3, 3, new double[] {0.4, 0.3, 0.5}, new double[] {2.3, 3.1, 1.6},
                    new int[] {2, 3, 2});
        }
        INDArray x = Arrays2.gaussian(11, 0.4, 0.8, 6, 2, 3, 3).castTo(DataType.DOUBLE);
        NeuronEngine.Spikes a = fused.forward(x, s, true);
        NeuronEngine.Spikes b = reference.forward(x, s, true);
        assertEquals(0, a.output().sub(b.output()).amaxNumber().doubleValue(), TOL);
        assertArrayEquals(b.nonzero(), a.nonzero(), "nonzero spikes per step");

        INDArray gradOut = Arrays2.gaussian(12, 0, 1, 6, 2, 3, 3).castTo(DataType.DOUBLE);
        NeuronEngine.Gradients ga = fused.backward(x, gradOut, s);
        NeuronEngine.Gradients gb = reference.backward(x, gradOut, s);
        assertEquals(0, ga.input().sub(gb.input()).amaxNumber().doubleValue(), TOL);
        assertArrayEquals(gb.steps(), ga.steps(), 1e-9);
        assertArrayEquals(gb.bitHats(), ga.bitHats(), 1e-9);
        assertEquals(gb.tHat(), ga.tHat(), 1e-9);

        for (int t = 0; t < s.timeSteps(); t++) {
            INDArray ma = fused.membrane(x, t, s);
            INDArray mb = reference.membrane(x, t, s).reshape(ma.shape());
            assertEquals(0, ma.sub(mb).amaxNumber().doubleValue(), TOL, "membrane at step " + t);
        }
    }

    @Test
    void theFusedEngineTakesAGradientInAnyOrder() {
        NeuronEngine.Spec spec = new NeuronEngine.Spec(true, 1, Firing.ROUND, 0, 8, 4);
        INDArray x = Arrays2.gaussian(3, 0, 1, 4, 5).castTo(DataType.DOUBLE);
        NeuronEngine fused = new FusedEngine(spec);
        fused.forward(x, setting(), false);
        INDArray g = Arrays2.gaussian(4, 0, 1, 5, 4).castTo(DataType.DOUBLE).transpose(); // an f-order view
        NeuronEngine.Gradients a = fused.backward(x, g, setting());
        NeuronEngine.Gradients b = fused.backward(x, g.dup('c'), setting());
        assertEquals(0, a.input().sub(b.input()).amaxNumber().doubleValue(), 0);
    }
}
