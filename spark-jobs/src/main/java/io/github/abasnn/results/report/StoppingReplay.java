package io.github.abasnn.results.report;

import io.github.abasnn.sweep.StoppingRule;
import io.github.abasnn.sweep.TrialCurve;
import io.github.abasnn.train.EpochMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a stopping rule would have done to a sweep that ran to completion: its trials replayed in the order they
 * finished, each judged after every epoch against the (possibly stopped) curves of the trials before it, as a sweep
 * with one trial in flight would. Reports the trial-epochs the rule saves and the hypervolume of the front it keeps
 * (accuracy against log2 bit budget, {@link FrontComparison#hypervolume}) against the full sweep's. A stopped trial
 * counts with the accuracy and bit budget of its last epoch run, as its row records them.
 */
public final class StoppingReplay {
    private StoppingReplay() {}

    public record Outcome(String rule, int trials, int stopped, long epochsRun, long epochsFull, double hypervolume,
                          double fullHypervolume) {
        public double hypervolumeRatio() {
            return hypervolume / fullHypervolume;
        }

        public double computeSaved() {
            return 1 - (double) epochsRun / epochsFull;
        }

        public String describe() {
            return String.format(Locale.ROOT, "%s: %d trials, %d stopped; trial-epochs %d of %d (%.1f%% saved);"
                            + " hypervolume %.4f of %.4f (ratio %.3f)", rule, trials, stopped, epochsRun, epochsFull,
                    100 * computeSaved(), hypervolume, fullHypervolume, hypervolumeRatio());
        }
    }

    public static Outcome replay(List<TrialCurve> inFinishOrder, StoppingRule rule) {
        List<TrialCurve> done = new ArrayList<>();
        List<FrontComparison.Point> kept = new ArrayList<>();
        List<FrontComparison.Point> full = new ArrayList<>();
        long run = 0;
        long all = 0;
        int stopped = 0;
        for (TrialCurve c : inFinishOrder) {
            int n = c.epochs();
            StoppingRule r = rule.against(List.copyOf(done));
            int ran = n;
            List<EpochMetrics> sofar = new ArrayList<>();
            for (int e = 0; e < n; e++) {
                sofar.add(metrics(e + 1, c.accuracy()[e], c.bitBudget()[e]));
                if (e + 1 < n && r.shouldStop(List.copyOf(sofar))) {
                    ran = e + 1;
                    stopped++;
                    break;
                }
            }
            run += ran;
            all += n;
            done.add(new TrialCurve(Arrays.copyOf(c.accuracy(), ran), Arrays.copyOf(c.bitBudget(), ran)));
            kept.add(new FrontComparison.Point("t" + done.size(), true, c.accuracy()[ran - 1], c.bitBudget()[ran - 1]));
            full.add(new FrontComparison.Point("t" + done.size(), true, c.accuracy()[n - 1], c.bitBudget()[n - 1]));
        }
        double ref = 1 + java.util.stream.Stream.concat(kept.stream(), full.stream())
                .mapToDouble(p -> Math.log(p.cost()) / Math.log(2)).max().orElse(0);
        return new Outcome(rule.name(), inFinishOrder.size(), stopped, run, all,
                FrontComparison.hypervolume(kept, ref), FrontComparison.hypervolume(full, ref));
    }

    /** An epoch as a stopping rule reads it: accuracy and bit budget (the rest does not enter any rule). */
    static EpochMetrics metrics(int epoch, double accuracy, double bitBudget) {
        return new EpochMetrics(epoch, Double.NaN, 0, accuracy, Double.NaN, Double.NaN, Double.NaN, bitBudget,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", Double.NaN, false, false, 0, 0, List.of());
    }
}
