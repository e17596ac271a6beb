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
    /** Renewal state and flags, read and written through {@code renewal.RenewalState}. */
    public static final String STATE = "state";

    private QuantParams() {}

    /** Values in the renewal state of a layer with {@code n} neuron steps (its layout: {@code RenewalLayout}). */
    static int stateLength(int n) {
        return io.github.abasnn.renewal.RenewalLayout.length(n);
    }
}
