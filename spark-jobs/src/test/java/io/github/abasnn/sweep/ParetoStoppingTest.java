package io.github.abasnn.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.train.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParetoStoppingTest {
    /** Finished trials: a cheap one (bit budget 1, 70%) and two expensive ones (bit budget 16, 85% and 88%). */
    static final List<TrialCurve> FINISHED = List.of(
            new TrialCurve(new double[] {0.60, 0.70}, new double[] {1.2, 1.0}),
            new TrialCurve(new double[] {0.80, 0.85}, new double[] {16, 16}),
            new TrialCurve(new double[] {0.84, 0.88}, new double[] {16, 16}));

    /** A running trial's epochs: (accuracy, bit budget) pairs. */
    static List<EpochMetrics> run(double... accuracyAndBudget) {
        List<EpochMetrics> out = new ArrayList<>();
        for (int i = 0; i < accuracyAndBudget.length; i += 2) {
            out.add(new EpochMetrics(i / 2 + 1, 1, 0, accuracyAndBudget[i], 1, 1, 1, accuracyAndBudget[i + 1], 0.1,
                    0.2, 0.02, 1, "m", 0.1, true, true, 1, 1, null));
        }
        return out;
    }

    @Test
    void aCheapTrialSurvivesWhereTheMedianRuleWouldStopIt() {
        ParetoStopping pareto = new ParetoStopping(1, 3, 0.01, 1, List.of()).against(FINISHED);
        List<EpochMetrics> cheap = run(0.55, 1.0);
        assertFalse(pareto.shouldStop(cheap), "nothing as cheap is clearly better at epoch 1: 0.60 is at 1.2 bits");
        assertTrue(new MedianStopping(1, 3, List.of()).against(FINISHED).shouldStop(cheap),
                "the median rule sees accuracy alone and stops it");
    }

    @Test
    void aTrialDominatedOnBothAxesStops() {
        ParetoStopping pareto = new ParetoStopping(1, 3, 0.01, 1, List.of()).against(FINISHED);
        assertTrue(pareto.shouldStop(run(0.70, 16, 0.80, 16)), "88% at the same cost after epoch 2");
        assertFalse(pareto.shouldStop(run(0.70, 16, 0.875, 16)), "within the margin of the best");
        assertTrue(new ParetoStopping(1, 3, 0.01, 2, List.of()).against(FINISHED).shouldStop(run(0.70, 16, 0.80, 16)),
                "two finished trials dominate it");
        assertFalse(new ParetoStopping(1, 3, 0.01, 3, List.of()).against(FINISHED).shouldStop(run(0.7, 16, 0.8, 16)),
                "the cheap one does not: it is less accurate");
    }

    @Test
    void graceAndPopulationAreRespected() {
        assertFalse(new ParetoStopping(2, 3, 0.01, 1, FINISHED).shouldStop(run(0.1, 16)), "within grace");
        assertFalse(new ParetoStopping(1, 4, 0.01, 1, FINISHED).shouldStop(run(0.1, 16)), "too few finished");
        assertThrows(IllegalArgumentException.class, () -> new ParetoStopping(1, 3, 1.5, 1, List.of()));
        assertThrows(IllegalArgumentException.class, () -> new TrialCurve(new double[2], new double[1]));
    }
}
