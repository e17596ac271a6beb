package io.github.abasnn.quant;

import java.util.Locale;

/**
 * How the weight quantizer scales the step-size gradient {@code S = sum dL/dwq * (in ? wq/a - v : qmax sign(v))}
 * (method.md §2). The forward pass, {@code dL/dw} and {@code dL/db} are the same under both rules.
 */
public enum StepGradient {
    /** Canonical LSQ for every layer: {@code g S}, {@code g = 1/sqrt(N qmax)}. */
    LSQ,
    /**
     * Release-exact: convolutions {@code S / (C_out qmax)} (the authors' release applies {@code g} a second time as
     * a tensor of the weight's shape, which autograd sums back), dense layers as {@link #LSQ}.
     */
    RELEASE;

    /**
     * The factor on {@code S} for weights of {@code weightShape} ({@code [C_out, C_in, kh, kw]} for a convolution,
     * rank 2 for a dense layer) quantized with {@code qmax}.
     */
    public double scale(long[] weightShape, int qmax) {
        if (this == RELEASE && weightShape.length == 4) {
            return 1.0 / ((double) weightShape[0] * qmax);
        }
        long n = 1;
        for (long d : weightShape) {
            n *= d;
        }
        return 1.0 / Math.sqrt((double) n * qmax);
    }

    /** Parses a command-line value, naming the option when it is not one of the rules. */
    public static StepGradient parse(String value) {
        for (StepGradient r : values()) {
            if (r.name().equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("--step-grad '" + value + "' must be one of "
                + java.util.Arrays.stream(values()).map(v -> v.name().toLowerCase(Locale.ROOT)).toList());
    }
}
