package io.github.abasnn.quant;

/**
 * A learnable real-valued bit width {@code B_hat} and the integer bit width it stands for,
 * {@code round(clip(|B_hat|, 1, bound))} (method.md §1). Rounding and clipping pass gradients straight through;
 * the absolute value keeps its true derivative {@code sign(B_hat)}.
 */
public final class BitWidth {
    /** The smallest bit width a quantizer accepts. */
    public static final int MIN_BITS = 1;

    private BitWidth() {}

    /** The integer bit width used in the forward pass. */
    public static int effective(double bitHat, double bound) {
        checkBound(bound);
        if (!Double.isFinite(bitHat)) {
            throw new IllegalArgumentException("bit width parameter must be finite, got " + bitHat);
        }
        double clipped = Math.min(Math.max(Math.abs(bitHat), MIN_BITS), bound);
        return (int) Rounding.halfAway(clipped);
    }

    /** Maps dL/d(effective bits) to dL/d(B_hat): identity through round and clip, sign through |.|. */
    public static double gradientToHat(double bitHat, double gradEffective) {
        return Math.signum(bitHat) * gradEffective;
    }

    /** Upper bound of a bit width: the init bits plus 2 in the paper; never below 1. */
    public static void checkBound(double bound) {
        if (!(bound >= MIN_BITS) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("bit bound must be a finite number >= 1, got " + bound);
        }
    }

    /** Validates an integer bit width as given to a quantizer. */
    public static void checkBits(int bits) {
        if (bits < MIN_BITS) {
            throw new IllegalArgumentException("bit width must be >= 1, got " + bits);
        }
        if (bits > 30) {
            throw new IllegalArgumentException("bit width must be <= 30, got " + bits);
        }
    }
}
