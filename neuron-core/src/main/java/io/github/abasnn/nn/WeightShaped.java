package io.github.abasnn.nn;

/** A quantized layer configuration that knows the shape of its weight tensor. */
public interface WeightShaped {
    /** Conv {@code [C_out, C_in, k, k]} or dense {@code [n_in, n_out]}. */
    long[] weightShape();
}
