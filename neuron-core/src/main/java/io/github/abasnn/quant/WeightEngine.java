package io.github.abasnn.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How a layer's weight quantizer (method.md §2) is computed, as {@code neuron.NeuronEngine} is for its neuron: the
 * ND4J op-chain reference ({@link ReferenceWeightEngine}, any backend) or the fused single-loop CPU kernel
 * ({@code kernel.FusedWeightEngine}), the same numbers (held equal by the golden tests). A layer picks one for its
 * weights and keeps it; an engine keeps what its backward pass needs from the last forward.
 */
public interface WeightEngine {

    /** The quantized weights {@code L(w / step) * step} at {@code bits}; {@code w} is not changed. */
    INDArray forward(INDArray w, double step, int bits);

    /**
     * Gradients of the last {@link #forward} for {@code gradOut = dL/dw_q}: the weights' (straight through inside the
     * range), the step size's (scaled by {@code rule} for the weights' shape) and the integer bit width's.
     */
    QuantizerGradients backward(INDArray gradOut, StepGradient rule);
}
