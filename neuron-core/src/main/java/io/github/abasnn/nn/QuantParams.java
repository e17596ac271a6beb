package io.github.abasnn.nn;

/**
 * Parameter keys of a quantized layer, in the order they sit in the flattened parameter view, and the layout of
 * its renewal state. The state travels with the parameters (checkpoints, Spark averaging) but is never trained.
 */
public final class QuantParams {
    /** Conv {@code [C_out, C_in, k, k]} or dense {@code [n_in, n_out]}, c order. */
    public static final String WEIGHTS = "W";
    public static final String BIAS = "b";
    /** LSQ weight step size {@code a}. */
    public static final String WEIGHT_STEP = "wStep";
    /** Real-valued weight bit width {@code Bw_hat}. */
    public static final String WEIGHT_BITS = "wBits";
    /** Spike step size per time step {@code g_t}. */
    public static final String SPIKE_STEPS = "sSteps";
    /** Real-valued spike bit width per time step {@code Bs_hat_t}. */
    public static final String SPIKE_BITS = "sBits";
    /** Real-valued temporal length {@code T_hat}. */
    public static final String TIME = "tHat";
    /** Renewal state and flags: see the offsets below. */
    public static final String STATE = "state";

    /** "Empty" running range, kept finite so that averaging and statistics stay finite. */
    public static final float EMPTY_MIN = Float.MAX_VALUE;
    public static final float EMPTY_MAX = -Float.MAX_VALUE;

    private QuantParams() {}

    // state offsets, for n = neuron steps: old bits [0, n), running min [n, 2n), running max [2n, 3n), then flags
    public static int oldBit(int n, int t) { return t; }
    static int runMin(int n, int t) { return n + t; }
    static int runMax(int n, int t) { return 2 * n + t; }
    static int weightOldBit(int n) { return 3 * n; }
    static int initialised(int n) { return 3 * n + 1; }
    static int spikeRenewalOn(int n) { return 3 * n + 2; }
    static int weightRenewalOn(int n) { return 3 * n + 3; }
    static int stateLength(int n) { return 3 * n + 4; }
}
