package io.github.abasnn.loss;

import java.util.Locale;

/**
 * Target average weight bits, spike bits and time steps, written {@code W/S/T} (e.g. "3/4/1").
 */
public record BitTargets(double weightBits, double spikeBits, double timeSteps) implements java.io.Serializable {

    public BitTargets {
        check(weightBits, "weight bits");
        check(spikeBits, "spike bits");
        check(timeSteps, "time steps");
    }

    /** Parses {@code "W/S/T"}, naming the bad part. */
    public static BitTargets parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/");
        if (parts.length != 3) {
            throw new IllegalArgumentException("bit target '" + text + "' must be written W/S/T, e.g. 2/2/1");
        }
        double[] v = new double[3];
        String[] names = {"W", "S", "T"};
        for (int i = 0; i < 3; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bit target '" + text + "': " + names[i] + " = '" + parts[i]
                        + "' is not a number");
            }
        }
        return new BitTargets(v[0], v[1], v[2]);
    }

    /** Fails naming the target when it lies outside what the learnable widths can reach. */
    public void checkReachable(double maxWeightBits, double maxSpikeBits, int maxTimeSteps) {
        within(weightBits, maxWeightBits, "weight bit target W");
        within(spikeBits, maxSpikeBits, "spike bit target S");
        within(timeSteps, maxTimeSteps, "time-step target T");
    }

    @Override
    public String toString() {
        return format(weightBits) + "/" + format(spikeBits) + "/" + format(timeSteps);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%g", v);
    }

    private static void check(double v, String name) {
        if (!(v >= 1) || !Double.isFinite(v)) {
            throw new IllegalArgumentException("target " + name + " must be a finite number >= 1, got " + v);
        }
    }

    private static void within(double v, double max, String name) {
        if (v > max) {
            throw new IllegalArgumentException(name + " = " + format(v) + " is above the upper bound " + format(max));
        }
    }
}
