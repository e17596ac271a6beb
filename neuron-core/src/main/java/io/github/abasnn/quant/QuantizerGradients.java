package io.github.abasnn.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of one quantizer call: w.r.t. its input tensor, its step size and its integer bit width
 * (map the last to {@code B_hat} with {@link BitWidth#gradientToHat}).
 */
public record QuantizerGradients(INDArray input, double step, double bits) {}
