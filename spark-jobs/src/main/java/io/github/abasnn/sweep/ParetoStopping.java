package io.github.abasnn.sweep;

import io.github.abasnn.train.EpochMetrics;
import java.util.List;

/**
 * A stopping rule that sees both axes of the front (beyond the paper): after epoch {@code e}, a trial stops when its
 * point (best test accuracy so far, bit budget now) is dominated with a margin by at least {@code minDominating}
 * finished trials at the same epoch — each at least {@code accuracyMargin} more accurate (best so far) at a bit budget
 * no higher. Unlike the median rule, which compares accuracy alone and so stops exactly the cheap low-bit trials that
 * make up the low end of the front, a cheap trial is only stopped by one that is as cheap and clearly better. It never
 * stops a trial before {@code graceEpochs}, nor while fewer than {@code minTrials} finished trials reached epoch
 * {@code e}.
 */
public record ParetoStopping(int graceEpochs, int minTrials, double accuracyMargin, int minDominating,
                             List<TrialCurve> curves) implements StoppingRule {

    public ParetoStopping {
        if (graceEpochs < 1) {
            throw new IllegalArgumentException("sweep.stopping.grace-epochs must be >= 1, got " + graceEpochs);
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("sweep.stopping.min-trials must be >= 1, got " + minTrials);
        }
        if (!(accuracyMargin >= 0 && accuracyMargin < 1)) {
            throw new IllegalArgumentException("sweep.stopping.accuracy-margin must lie in [0, 1), got "
                    + accuracyMargin);
        }
        if (minDominating < 1) {
            throw new IllegalArgumentException("sweep.stopping.min-dominating must be >= 1, got " + minDominating);
        }
        curves = List.copyOf(curves);
    }

    @Override
    public String name() {
        return "pareto";
    }

    @Override
    public ParetoStopping against(List<TrialCurve> finished) {
        return new ParetoStopping(graceEpochs, minTrials, accuracyMargin, minDominating, finished);
    }

    @Override
    public boolean shouldStop(List<EpochMetrics> sofar) {
        int e = sofar.size();
        if (e < graceEpochs) {
            return false;
        }
        List<TrialCurve> reached = curves.stream().filter(c -> c.epochs() >= e).toList();
        if (reached.size() < minTrials) {
            return false;
        }
        double best = sofar.stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
        double cost = sofar.get(e - 1).bitBudget();
        long dominating = reached.stream()
                .filter(c -> c.bestAccuracy(e) >= best + accuracyMargin && c.bitBudget()[e - 1] <= cost).count();
        return dominating >= minDominating;
    }
}
