package io.github.abasnn.profile;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Wall time spent in each {@link Phase} of training, summed over the JVM while switched on (the benchmark does; off,
 * a timing point costs one volatile read). CPU ops are synchronous, so wall time around a call is that call's time.
 * Usage: {@code long t = PhaseTimes.start(); ...; PhaseTimes.stop(Phase.NEURON_FORWARD, t);}
 */
public final class PhaseTimes {
    private static final AtomicLongArray NANOS = new AtomicLongArray(Phase.values().length);
    private static volatile boolean on;

    private PhaseTimes() {}

    /** Switches timing on (cleared) or off (the sums kept for reading). */
    public static void enable(boolean enabled) {
        if (enabled) {
            reset();
        }
        on = enabled;
    }

    public static void reset() {
        for (int i = 0; i < NANOS.length(); i++) {
            NANOS.set(i, 0);
        }
    }

    /** A start time, or 0 when timing is off. */
    public static long start() {
        return on ? System.nanoTime() : 0;
    }

    /** Adds the time since {@code start} to {@code phase} (nothing when timing was off at the start). */
    public static void stop(Phase phase, long start) {
        if (start != 0) {
            NANOS.addAndGet(phase.ordinal(), System.nanoTime() - start);
        }
    }

    /** Seconds spent in {@code phase} since the last reset. */
    public static double seconds(Phase phase) {
        return NANOS.get(phase.ordinal()) / 1e9;
    }
}
