package io.github.abasnn.intmodel;

import java.util.Arrays;

/**
 * Rescales integer accumulators into the fixed-point activation format: for output channel {@code c},
 * {@code y = roundShift(sum_t M[c][t] * acc_t, shift[c]) + bias[c]}, the product and sum in 64 bits, the result
 * saturated to 32 bits. One multiplier per time step because each step fires at its own threshold; one shift per
 * channel so the multipliers of a channel share a scale (the TFLite-style multiplier-and-shift, here per step).
 *
 * @param multipliers {@code [c * steps + t]}, each below {@code 2^30} in magnitude
 * @param shifts      per channel; a negative shift multiplies by {@code 2^-shift}
 * @param bias        per channel, already in the activation format
 */
public record Requant(int channels, int steps, int[] multipliers, int[] shifts, int[] bias) {
    /** Multipliers are scaled to this many bits, leaving headroom in the 64-bit products. */
    static final int MULTIPLIER_BITS = 30;

    public Requant {
        if (channels < 1 || steps < 1 || multipliers.length != channels * steps || shifts.length != channels
                || bias.length != channels) {
            throw new IllegalArgumentException("requantizer of " + channels + " channels x " + steps
                    + " steps needs that many multipliers and one shift and bias per channel");
        }
        for (int s : shifts) {
            if (s < -30 || s > 62) {
                throw new IllegalArgumentException("requantizer shift " + s + " outside [-30, 62]");
            }
        }
        multipliers = multipliers.clone();
        shifts = shifts.clone();
        bias = bias.clone();
    }

    /**
     * The integer form of {@code y = sum_t scale[c][t] acc_t + offset[c]} with {@code y} in units of
     * {@code 2^-fractionBits}: real-valued scales become multipliers sharing one power-of-two shift per channel.
     * Runs at export time (floating point is allowed there, never in the engine).
     */
    public static Requant of(double[][] scale, double[] offset, int fractionBits) {
        int channels = scale.length;
        int steps = scale[0].length;
        int[] m = new int[channels * steps];
        int[] sh = new int[channels];
        int[] b = new int[channels];
        for (int c = 0; c < channels; c++) {
            double max = 0;
            for (double v : scale[c]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("channel " + c + ": scale " + v + " is not finite");
                }
                max = Math.max(max, Math.abs(v));
            }
            // shift so the largest multiplier of the channel lands in [2^29, 2^30)
            int shift = max == 0 ? 0 : MULTIPLIER_BITS - 1 - Math.getExponent(max) - fractionBits;
            if (shift < 0) {
                throw new IllegalArgumentException("channel " + c + ": scale " + max + " is too large for "
                        + fractionBits + " fraction bits (one accumulator unit would exceed 2^30 activation units)");
            }
            shift = Math.min(62, shift); // smaller scales are zero at this precision
            sh[c] = shift;
            for (int t = 0; t < steps; t++) {
                double v = Math.rint(scale[c][t] * Math.pow(2, fractionBits + shift));
                if (Math.abs(v) >= 1L << MULTIPLIER_BITS + 1) {
                    throw new IllegalArgumentException("channel " + c + ": scale " + scale[c][t]
                            + " does not fit a 31-bit multiplier at " + fractionBits + " fraction bits");
                }
                m[c * steps + t] = (int) v;
            }
            b[c] = FixedPoint.toFixed(offset[c], fractionBits);
        }
        return new Requant(channels, steps, m, sh, b);
    }

    /** Applies channel {@code c} to the accumulators {@code acc[t][index]}. */
    int apply(int c, int[][] acc, int index) {
        long p = 0;
        int base = c * steps;
        for (int t = 0; t < steps; t++) {
            p += (long) multipliers[base + t] * acc[t][index];
        }
        return FixedPoint.saturate(FixedPoint.roundShift(p, shifts[c]) + bias[c]);
    }

    @Override
    public int[] multipliers() { return multipliers.clone(); }

    @Override
    public int[] shifts() { return shifts.clone(); }

    @Override
    public int[] bias() { return bias.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Requant r && channels == r.channels && steps == r.steps
                && Arrays.equals(multipliers, r.multipliers) && Arrays.equals(shifts, r.shifts)
                && Arrays.equals(bias, r.bias);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(multipliers) * 31 + Arrays.hashCode(bias);
    }
}
