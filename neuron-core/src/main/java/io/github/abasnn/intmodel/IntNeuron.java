package io.github.abasnn.intmodel;

import java.util.Arrays;

/**
 * The refined neuron (method.md §3, leak 1, soft reset) on fixed-point membranes: each of the {@code T} steps adds
 * the same input, fires an integer level against that step's threshold and subtracts {@code level * threshold}.
 * The level function is {@code kernel/SpikeLevels} in integer form: {@code round(u / G)} half up for unsigned spikes
 * (a single bit fires when {@code 2u > G}), half away from zero for signed ones (a single signed bit is the sign),
 * {@code floor} for the floor-firing ablation, clipped to the step's level range.
 *
 * @param thresholds per step, in the activation format, each {@code > 0}
 * @param bits       spike bits per step, 1..8 (levels then fit a byte)
 */
public record IntNeuron(boolean signed, boolean floorFiring, int[] bits, int[] thresholds) {
    public IntNeuron {
        if (bits.length < 1 || bits.length != thresholds.length) {
            throw new IllegalArgumentException("neuron needs one bit width and threshold per step, got "
                    + bits.length + " and " + thresholds.length);
        }
        for (int t = 0; t < bits.length; t++) {
            if (bits[t] < 1 || bits[t] > 8) {
                throw new IllegalArgumentException("step " + t + ": spike bits " + bits[t] + " outside 1..8");
            }
            if (thresholds[t] <= 0) {
                throw new IllegalArgumentException("step " + t + ": threshold " + thresholds[t]
                        + " is not positive in the activation format (too few fraction bits?)");
            }
        }
        bits = bits.clone();
        thresholds = thresholds.clone();
    }

    public int timeSteps() {
        return bits.length;
    }

    /** Largest level of step {@code t}. */
    public int qmax(int t) {
        int b = bits[t];
        return signed ? (b == 1 ? 1 : (1 << (b - 1)) - 1) : (1 << b) - 1;
    }

    /** Fires every element of {@code x} for all steps into {@code spikes[t]}; returns the nonzero count. */
    long fire(int[] x, byte[][] spikes) {
        int steps = bits.length;
        int[] qmax = new int[steps];
        for (int t = 0; t < steps; t++) {
            qmax[t] = qmax(t);
        }
        long nonzero = 0;
        for (int i = 0; i < x.length; i++) {
            long u = x[i];
            for (int t = 0; t < steps; t++) {
                int level = level(u, t, qmax[t]);
                spikes[t][i] = (byte) level;
                nonzero += level != 0 ? 1 : 0;
                u += x[i] - (long) level * thresholds[t];
            }
        }
        return nonzero;
    }

    private int level(long u, int t, int qmax) {
        long g = thresholds[t];
        if (signed) {
            if (bits[t] == 1) {
                return u > 0 ? 1 : -1;
            }
            long q = (2 * Math.abs(u) + g) / (2 * g);
            int l = (int) Math.min(q, qmax);
            return u >= 0 ? l : -l;
        }
        if (u <= 0) {
            return 0;
        }
        if (floorFiring) {
            return (int) Math.min(u / g, qmax);
        }
        if (bits[t] == 1) {
            return 2 * u > g ? 1 : 0;
        }
        return (int) Math.min((2 * u + g) / (2 * g), qmax);
    }

    @Override
    public int[] bits() { return bits.clone(); }

    @Override
    public int[] thresholds() { return thresholds.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntNeuron n && signed == n.signed && floorFiring == n.floorFiring
                && Arrays.equals(bits, n.bits) && Arrays.equals(thresholds, n.thresholds);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bits) * 31 + Arrays.hashCode(thresholds);
    }
}
