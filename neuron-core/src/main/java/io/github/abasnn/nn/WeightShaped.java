package io.github.abasnn.nn;

/** A quantized layer configuration that knows the shape of its weight tensor. */
public interface WeightShaped {
    /** Conv {@code [C_out, C_in, k, k]} or dense {@code [n_in, n_out]}. */
    long[] weightShape();

    /** Number of weights, {@code N} of the LSQ gradient scale and {@code Nw} of the bit loss. */
    default long weightCount() {
        long n = 1;
        for (long d : weightShape()) {
            n *= d;
        }
        return n;
    }
}
