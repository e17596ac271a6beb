package io.github.abasnn.intmodel;

/**
 * The activation format: a real value {@code v} is held as the 32-bit integer {@code round(v * 2^F)}, {@code F} the
 * model's fraction bits. Integer helpers used by the engine; {@link #toFixed} runs at export time only.
 */
public final class FixedPoint {
    private FixedPoint() {}

    /** {@code round(v * 2^fractionBits)}, refused when it does not fit 32 bits. */
    public static int toFixed(double v, int fractionBits) {
        double r = Math.rint(v * Math.pow(2, fractionBits));
        if (!(Math.abs(r) <= Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("value " + v + " does not fit 32 bits at " + fractionBits
                    + " fraction bits");
        }
        return (int) r;
    }

    /** {@code p / 2^shift} rounded half up (an arithmetic shift); a negative shift multiplies. */
    static long roundShift(long p, int shift) {
        if (shift <= 0) {
            return p << -shift;
        }
        return (p + (1L << (shift - 1))) >> shift;
    }

    static int saturate(long v) {
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : v < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) v;
    }

    /** {@code round(sum / n)}, halves away from zero, for an average over {@code n > 0} values. */
    static int roundDiv(long sum, int n) {
        long q = sum >= 0 ? (2 * sum + n) / (2L * n) : -((-2 * sum + n) / (2L * n));
        return saturate(q);
    }
}
