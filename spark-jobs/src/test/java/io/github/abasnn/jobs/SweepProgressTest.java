package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.abasnn.results.store.ResultTables;
import io.github.abasnn.results.store.TrialRows;
import io.github.abasnn.sweep.TrialConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

class SweepProgressTest {

    static TrialRows rows(String status, Double accuracy, Double bitBudget, double wall, String reason) {
        Object[] v = new Object[ResultTables.TRIAL.size()];
        v[ResultTables.TRIAL.fieldIndex("status")] = status;
        v[ResultTables.TRIAL.fieldIndex("test_accuracy")] = accuracy;
        v[ResultTables.TRIAL.fieldIndex("bit_budget")] = bitBudget;
        v[ResultTables.TRIAL.fieldIndex("wall_seconds")] = wall;
        v[ResultTables.TRIAL.fieldIndex("failure_reason")] = reason;
        Row t = RowFactory.create(Arrays.copyOf(v, v.length));
        return new TrialRows("x", List.of(t), List.of(), List.of(), List.of());
    }

    @Test
    void eachFinishedTrialGetsALineWithItsOutcomeAndTheTimeLeft() {
        SweepProgress p = new SweepProgress(5, 2);
        TrialConfig learned = TrialConfig.of(Map.of("target", "2/2/1", "seed", "7"));
        TrialConfig uniform = TrialConfig.of(Map.of("uniform", "true", "init", "4/4/1"));
        assertEquals("trial 1/5 ok: learned 2/2/1 seed 7 91.2%, BB 3.80 (" + learned.id() + "), 10 min; ETA 20 min",
                p.finished(learned, rows("ok", 0.912, 3.8, 600, null)));
        assertEquals("trial 2/5 failed: uniform 4/4/1 java.lang.OutOfMemoryError (" + uniform.id() + "), 60 s;"
                + " ETA 11 min", p.finished(uniform, rows("failed", null, null, 60, "java.lang.OutOfMemoryError")));
    }
}
