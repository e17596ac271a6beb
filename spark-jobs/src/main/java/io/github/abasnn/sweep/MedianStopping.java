package io.github.abasnn.sweep;

import io.github.abasnn.train.EpochMetrics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The median stopping rule (Golovin et al., "Google Vizier", KDD 2017): after epoch {@code e}, a trial stops when its
 * best test accuracy so far is below the median, over the trials of the sweep already finished, of their running
 * average accuracy over epochs {@code 1..e}. It never stops a trial before {@code graceEpochs}, nor while fewer than
 * {@code minTrials} finished trials reached epoch {@code e}. A stopped trial keeps its rows with status
 * {@code stopped}; it counts as finished and is not run again.
 *
 * @param curves test accuracy per epoch of each finished trial (the reference population, fixed at launch)
 */
public record MedianStopping(int graceEpochs, int minTrials, List<double[]> curves) implements StoppingRule {

    public MedianStopping {
        if (graceEpochs < 1) {
            throw new IllegalArgumentException("sweep.stopping.grace-epochs must be >= 1, got " + graceEpochs);
        }
        if (minTrials < 1) {
            throw new IllegalArgumentException("sweep.stopping.min-trials must be >= 1, got " + minTrials);
        }
        curves = curves.stream().map(double[]::clone).toList();
    }

    @Override
    public String name() {
        return "median";
    }

    /** The same rule against another reference population (their accuracy curves). */
    @Override
    public MedianStopping against(List<TrialCurve> finished) {
        return new MedianStopping(graceEpochs, minTrials, finished.stream().map(TrialCurve::accuracy).toList());
    }

    @Override
    public boolean shouldStop(List<EpochMetrics> sofar) {
        int e = sofar.size();
        if (e < graceEpochs) {
            return false;
        }
        List<Double> averages = new ArrayList<>();
        for (double[] c : curves) {
            if (c.length >= e) {
                averages.add(Arrays.stream(c, 0, e).average().orElse(Double.NaN));
            }
        }
        if (averages.size() < minTrials) {
            return false;
        }
        double best = sofar.stream().mapToDouble(EpochMetrics::testAccuracy).max().orElse(Double.NaN);
        return best < median(averages);
    }

    static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
