package io.github.abasnn.renewal;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A typed view of a quantized layer's renewal state: the slice of its parameter vector that travels with the
 * parameters (checkpoints, Spark averaging) but is never trained, laid out as {@link RenewalLayout} says.
 */
public final class RenewalState {
    /** An "empty" running range, kept finite so that averaging and statistics stay finite. */
    public static final float EMPTY_MIN = Float.MAX_VALUE;
    public static final float EMPTY_MAX = -Float.MAX_VALUE;

    private final INDArray state;
    private final int n;

    /** The view of {@code state}, the slice of a layer with {@code steps} neuron steps. */
    public RenewalState(INDArray state, int steps) {
        if (state.length() != length(steps)) {
            throw new IllegalArgumentException("renewal state of " + state.length() + " values for " + steps
                    + " neuron steps; expected " + length(steps));
        }
        this.state = state;
        this.n = steps;
    }

    /** Values in the state of a layer with {@code steps} neuron steps. */
    public static int length(int steps) {
        return RenewalLayout.length(steps);
    }

    /** A fresh state: every step and the weight at their initial widths, empty ranges, renewal on as the policy says. */
    public void reset(int initSpikeBits, int initWeightBits, RenewalPolicy policy) {
        for (int t = 0; t < n; t++) {
            oldBit(t, initSpikeBits);
            state.putScalar(RenewalLayout.runningMin(n, t), EMPTY_MIN);
            state.putScalar(RenewalLayout.runningMax(n, t), EMPTY_MAX);
        }
        weightOldBit(initWeightBits);
        state.putScalar(RenewalLayout.initialised(n), 0);
        state.putScalar(RenewalLayout.spikeRenewalOn(n), policy.renewsActivations() ? 1 : 0);
        state.putScalar(RenewalLayout.weightRenewalOn(n), policy.renewsWeights() ? 1 : 0);
    }

    public int steps() {
        return n;
    }

    /** The bit width step {@code t}'s size was last fitted to. */
    public int oldBit(int t) {
        return (int) state.getDouble(RenewalLayout.oldBit(n, t));
    }

    public void oldBit(int t, int bits) {
        state.putScalar(RenewalLayout.oldBit(n, t), bits);
    }

    /** Running minimum of step {@code t}'s quantizer input; +infinity while empty. */
    public double runningMin(int t) {
        double v = state.getDouble(RenewalLayout.runningMin(n, t));
        return v >= EMPTY_MIN ? Double.POSITIVE_INFINITY : v;
    }

    /** Running maximum of step {@code t}'s quantizer input; -infinity while empty. */
    public double runningMax(int t) {
        double v = state.getDouble(RenewalLayout.runningMax(n, t));
        return v <= EMPTY_MAX ? Double.NEGATIVE_INFINITY : v;
    }

    public void range(int t, double min, double max) {
        state.putScalar(RenewalLayout.runningMin(n, t), min);
        state.putScalar(RenewalLayout.runningMax(n, t), max);
    }

    /** The bit width the weight step size was last fitted to. */
    public int weightOldBit() {
        return (int) state.getDouble(RenewalLayout.weightOldBit(n));
    }

    public void weightOldBit(int bits) {
        state.putScalar(RenewalLayout.weightOldBit(n), bits);
    }

    /** Whether the step sizes were initialised from a first training batch (LSQ). */
    public boolean initialised() {
        return state.getDouble(RenewalLayout.initialised(n)) != 0;
    }

    public void markInitialised() {
        state.putScalar(RenewalLayout.initialised(n), 1);
    }

    public boolean spikeRenewalOn() {
        return state.getDouble(RenewalLayout.spikeRenewalOn(n)) != 0;
    }

    public boolean weightRenewalOn() {
        return state.getDouble(RenewalLayout.weightRenewalOn(n)) != 0;
    }

    /** Turns spike-side renewal off for good (the per-epoch switch-off rule, method.md §4). */
    public void switchOffSpikeRenewal() {
        state.putScalar(RenewalLayout.spikeRenewalOn(n), 0);
    }

    /** Turns weight-side renewal off for good. */
    public void switchOffWeightRenewal() {
        state.putScalar(RenewalLayout.weightRenewalOn(n), 0);
    }
}
