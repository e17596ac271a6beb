package io.github.abasnn.neuron;

import io.github.abasnn.quant.Firing;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a layer's refined neuron is computed: the ND4J op-chain reference ({@link ReferenceEngine}, any backend) or the
 * fused single-pass CPU kernel ({@code kernel.FusedEngine}), the same numbers (held equal by the golden tests). A
 * layer picks one for its first input and keeps it; an engine keeps what its backward pass needs from the forward.
 */
public interface NeuronEngine {

    /**
     * What the neuron is, fixed for the layer's life.
     *
     * @param signed        the first layer's neuron: signed spikes of the raw input
     * @param decay         membrane decay between steps
     * @param frames        event data: the number of frames, input folded time-major {@code [T*B, ...]}; 0 for
     *                      time-free input
     * @param spikeBitBound upper bound of a spike bit width
     * @param neuronSteps   the neuron's step slots ({@code T_max}, or the frames)
     */
    record Spec(boolean signed, double decay, Firing firing, int frames, double spikeBitBound, int neuronSteps) {
        /** The input's form: frames when there are any, else time-free. */
        public NeuronInput input() {
            return frames > 0 ? NeuronInput.FRAMES : NeuronInput.TIME_FREE;
        }
    }

    /** The allocation in force for one call: integer T, per-step step sizes and bit widths (real and integer). */
    record Setting(int timeSteps, double tHat, double[] steps, double[] bitHats, int[] bits) {}

    /** The spikes (time-free input: {@code sum_t s_t / T}) and, when counted, the nonzero spikes of each step. */
    record Spikes(INDArray output, long[] nonzero) {}

    /** Gradients of the last forward: input, step sizes, real-valued bit widths (per step slot), and {@code T_hat}. */
    record Gradients(INDArray input, double[] steps, double[] bitHats, double tHat) {}

    /** Spikes of {@code x} (c order); counting the nonzero spikes costs a branch per element, so only when asked. */
    Spikes forward(INDArray x, Setting s, boolean count);

    /** Gradients for {@code gradOut = dL/dout} of the last {@link #forward} of {@code x} with the same setting. */
    Gradients backward(INDArray x, INDArray gradOut, Setting s);

    /** The membrane potential (the spike quantizer's input) at step {@code t}, the steps before it applied. */
    INDArray membrane(INDArray x, int t, Setting s);

    /** Whether it rejects a non-finite input itself as it goes (else the caller checks first). */
    boolean checksFinite();
}
