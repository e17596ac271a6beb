package io.github.abasnn.distributed;

import java.util.Locale;

/**
 * Where an epoch of data-parallel training spent its time. {@code computeMs} is the workers' own fitting (forward,
 * backward, update: the mean over workers of their summed fit times); everything else in the wall time — shipping
 * parameters out, collecting and averaging them, Spark scheduling — is synchronisation overhead.
 *
 * @param broadcastMs averaging: creating the parameter broadcast on the driver
 * @param aggregateMs averaging: collecting and summing the workers' parameters
 * @param processMs   averaging: dividing and installing the averaged parameters and updater state
 */
public record SyncTiming(int epoch, long steps, double wallMs, double computeMs, double broadcastMs,
                         double aggregateMs, double processMs) {

    /** Share of the wall time not spent computing: the synchronisation share of a step. */
    public double syncShare() {
        return wallMs <= 0 ? Double.NaN : Math.max(0, wallMs - computeMs) / wallMs;
    }

    public double msPerStep() {
        return steps == 0 ? Double.NaN : wallMs / steps;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "epoch %d: %d steps, %.1f ms/step, compute %.1f%%, synchronisation %.1f%%"
                        + " (broadcast %.0f ms, aggregate %.0f ms, install %.0f ms of %.0f ms)", epoch, steps,
                msPerStep(), 100 * (1 - syncShare()), 100 * syncShare(), broadcastMs, aggregateMs, processMs, wallMs);
    }
}
