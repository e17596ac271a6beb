package io.github.abasnn.renewal;

/**
 * Where each value of a layer's renewal state lies in its slice, for {@code n} neuron steps: the bit width each step's
 * size was last fitted to {@code [0, n)}, each step's running input minimum {@code [n, 2n)} and maximum {@code [2n,
 * 3n)}, then the weight's last bit width, whether LSQ initialisation ran, and whether spike- and weight-side renewal
 * are still on. Plain indices, no arrays: {@link RenewalState} reads the slice through them, and so does a device
 * backend from its host copy of the slice.
 */
public final class RenewalLayout {
    private RenewalLayout() {}

    /** Values in the state of a layer with {@code n} neuron steps. */
    public static int length(int n) {
        return 3 * n + 4;
    }

    public static int oldBit(int n, int t) {
        return t;
    }

    public static int runningMin(int n, int t) {
        return n + t;
    }

    public static int runningMax(int n, int t) {
        return 2 * n + t;
    }

    public static int weightOldBit(int n) {
        return 3 * n;
    }

    public static int initialised(int n) {
        return 3 * n + 1;
    }

    public static int spikeRenewalOn(int n) {
        return 3 * n + 2;
    }

    public static int weightRenewalOn(int n) {
        return 3 * n + 3;
    }
}
