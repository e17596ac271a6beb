package io.github.abasnn.sweep;

import io.github.abasnn.train.EpochMetrics;
import java.util.List;

/**
 * Asynchronous successive halving as a stopping rule (Li et al., "A System for Massively Parallel Hyperparameter
 * Tuning", MLSys 2020), for large random sweeps: rungs at epochs {@code minEpochs * reduction^k}; at a rung a trial
 * continues only if its best accuracy so far is in the top {@code 1/reduction} of the trials that reached the rung
 * (the finished ones and itself). A rung with fewer than {@code reduction} such trials lets everyone through, so the
 * first trials of a sweep are never judged against nothing.
 */
public record AshaStopping(int minEpochs, int reduction, List<TrialCurve> curves) implements StoppingRule {

    public AshaStopping {
        if (minEpochs < 1) {
            throw new IllegalArgumentException("sweep.stopping.min-epochs must be >= 1, got " + minEpochs);
        }
        if (reduction < 2) {
            throw new IllegalArgumentException("sweep.stopping.reduction must be >= 2, got " + reduction);
        }
        curves = List.copyOf(curves);
    }

    @Override
    public String name() {
        return "asha";
    }

    @Override
    public AshaStopping against(List<TrialCurve> finished) {
        return new AshaStopping(minEpochs, reduction, finished);
    }

    /** Whether epoch {@code e} (1-based) is a rung. */
    boolean isRung(int e) {
        long r = minEpochs;
        while (r < e) {
            r *= reduction;
        }
        return r == e;
    }

    @Override
    public boolean shouldStop(List<EpochMetrics> sofar) {
        int e = sofar.size();
        if (!isRung(e)) {
            return false;
        }
        double best = sofar.stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
        List<TrialCurve> reached = curves.stream().filter(c -> c.epochs() >= e).toList();
        int population = reached.size() + 1;
        if (population < reduction) {
            return false;
        }
        long better = reached.stream().filter(c -> c.bestAccuracy(e) > best).count();
        int promoted = population / reduction; // the top 1/eta go on
        return better >= promoted;
    }
}
