package io.github.abasnn.neuron;

/**
 * The learnable temporal length {@code T_hat} and the integer number of time steps it stands for,
 * {@code clip(round(T_hat), 1, T_max)} (method.md §1); rounding and clipping pass gradients straight through.
 */
public final class TimeSteps {
    private TimeSteps() {}

    /** Integer time steps used in the forward pass. */
    public static int effective(double tHat, int tMax) {
        checkMax(tMax);
        if (!Double.isFinite(tHat)) {
            throw new IllegalArgumentException("temporal length parameter T_hat must be finite, got " + tHat);
        }
        double rounded = io.github.abasnn.quant.Rounding.halfAway(tHat);
        return (int) Math.min(Math.max(rounded, 1), tMax);
    }

    /** {@code T_max} must be at least 1. */
    public static void checkMax(int tMax) {
        if (tMax < 1) {
            throw new IllegalArgumentException("T_max must be >= 1, got " + tMax);
        }
    }

    /** Fails naming the value when {@code t} lies outside {@code [1, T_max]}. */
    public static void checkWithin(int t, int tMax, String name) {
        checkMax(tMax);
        if (t < 1 || t > tMax) {
            throw new IllegalArgumentException(name + " = " + t + " is outside [1, T_max = " + tMax + "]");
        }
    }
}
