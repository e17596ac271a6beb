package io.github.abasnn.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.sweep.ParetoStopping;
import io.github.abasnn.sweep.StoppingRule;
import io.github.abasnn.sweep.SweepSpec;
import io.github.abasnn.sweep.TrialCurve;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoppingReplayTest {
    static TrialCurve curve(double bb, double... acc) {
        double[] b = new double[acc.length];
        java.util.Arrays.fill(b, bb);
        return new TrialCurve(acc, b);
    }

    @Test
    void aDominatedTrialIsStoppedAndTheFrontIsKept() {
        List<TrialCurve> sweep = List.of(
                curve(2, 0.60, 0.70, 0.75, 0.78),   // cheap and good
                curve(8, 0.65, 0.75, 0.80, 0.82),   // expensive and better
                curve(1, 0.40, 0.50, 0.55, 0.60),   // the cheapest: on the front, must survive
                curve(9, 0.30, 0.35, 0.40, 0.45),   // dominated at every epoch
                curve(16, 0.20, 0.25, 0.30, 0.35)); // dominated at every epoch
        StoppingRule rule = SweepSpec.stopping(com.typesafe.config.ConfigFactory.parseString(
                "rule = pareto, grace-epochs = 1, min-trials = 2, accuracy-margin = 0.01"));
        assertTrue(rule instanceof ParetoStopping);
        StoppingReplay.Outcome o = StoppingReplay.replay(sweep, rule);
        assertEquals(5, o.trials());
        assertEquals(2, o.stopped(), o.describe());
        assertEquals(20, o.epochsFull());
        assertTrue(o.epochsRun() < 20 && o.computeSaved() > 0.2, o.describe());
        assertEquals(1.0, o.hypervolumeRatio(), 1e-12, "the dominated trials add nothing to the front");
    }

    @Test
    void theMedianRuleStopsTheCheapEndTheParetoRuleKeeps() {
        List<TrialCurve> sweep = List.of(curve(8, 0.6, 0.7, 0.8, 0.82), curve(8, 0.6, 0.72, 0.8, 0.81),
                curve(8, 0.62, 0.7, 0.79, 0.8), curve(1, 0.3, 0.4, 0.5, 0.55));
        StoppingReplay.Outcome median = StoppingReplay.replay(sweep, SweepSpec.stopping(
                com.typesafe.config.ConfigFactory.parseString("rule = median, grace-epochs = 1, min-trials = 2")));
        StoppingReplay.Outcome pareto = StoppingReplay.replay(sweep, SweepSpec.stopping(
                com.typesafe.config.ConfigFactory.parseString("rule = pareto, grace-epochs = 1, min-trials = 2")));
        assertEquals(1, median.stopped());
        assertTrue(median.hypervolumeRatio() < 1, median.describe());
        assertEquals(1.0, pareto.hypervolumeRatio(), 1e-12, "the cheap trial survives: " + pareto.describe());
    }
}
