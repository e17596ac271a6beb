package io.github.abasnn.kernel;

import io.github.abasnn.neuron.NeuronEngine;
import io.github.abasnn.quant.BitWidth;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The neuron through the fused CPU kernel of its input's form ({@link FusedNeuron#of}: time-free or event frames):
 * one pass over host memory per direction, the recurrence recomputed in the backward pass instead of kept. For arrays
 * {@link #supports} accepts.
 */
public final class FusedEngine implements NeuronEngine {
    private final FusedNeuron kernel;

    public FusedEngine(Spec spec) {
        this.kernel = FusedNeuron.of(spec);
    }

    /** Whether the kernel can run on {@code a}: float or double in host memory, c order, contiguous. */
    public static boolean supports(INDArray a) {
        return FusedNeuron.supports(a);
    }

    @Override
    public Spikes forward(INDArray x, Setting s, boolean count) {
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        long[] nonzero = kernel.forward(x, out, s.timeSteps(), s.steps(), s.bits(), count);
        return new Spikes(out, nonzero);
    }

    @Override
    public Gradients backward(INDArray x, INDArray gradOut, Setting s) {
        INDArray g = supports(gradOut) ? gradOut : gradOut.dup('c');
        INDArray gradX = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        FusedNeuron.Gradients k = kernel.backward(x, g, gradX, s.timeSteps(), s.steps(), s.bits());
        double[] steps = new double[s.steps().length];
        double[] bitHats = new double[s.steps().length];
        for (int t = 0; t < s.timeSteps(); t++) {
            steps[t] = k.steps()[t];
            bitHats[t] = BitWidth.gradientToHat(s.bitHats()[t], k.bits()[t]);
        }
        return new Gradients(gradX, steps, bitHats, k.tHat());
    }

    @Override
    public INDArray membrane(INDArray x, int t, Setting s) {
        return kernel.membrane(x, t, s.timeSteps(), s.steps(), s.bits());
    }

    @Override
    public boolean checksFinite() {
        return true;
    }
}
