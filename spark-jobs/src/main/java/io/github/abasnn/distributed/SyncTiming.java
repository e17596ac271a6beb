package io.github.abasnn.distributed;

import java.util.Locale;

/**
 * Where an epoch of data-parallel training spent its time. {@code computeMs} is the workers' own fitting (forward,
 * backward, update: the mean over workers); everything else in the wall time — building the workers' networks,
 * averaging, waiting for the slowest worker, Spark scheduling — is synchronisation overhead. Building the batches
 * (data loading) is not in the wall time. Gradient sharing reports only the wall time.
 *
 * @param setupMs    averaging: building each worker's network from the broadcast snapshot (mean over workers)
 * @param exchangeMs averaging: the workers' in-task averagings, waiting included (mean over workers)
 * @param rounds     averaging: averagings in the epoch
 */
public record SyncTiming(int epoch, long steps, double wallMs, double computeMs, double setupMs, double exchangeMs,
                         int rounds) {

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
                        + " (network setup %.0f ms, %d averagings %.0f ms, of %.0f ms)", epoch, steps, msPerStep(),
                100 * (1 - syncShare()), 100 * syncShare(), setupMs, rounds, exchangeMs, wallMs);
    }
}
