package io.github.abasnn.results.store;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** A committed-looking trial for store and report tests: one {@code trials} row, no other rows. */
public final class TrialRowsFixture {
    private TrialRowsFixture() {}

    /** A trial of W/S/T target 2/2/1 with {@code accuracy}, {@code bitBudget} (other costs from it) and status. */
    public static TrialRows trial(String id, double accuracy, double bitBudget, String status) {
        return trial(id, accuracy, bitBudget, status, "activation");
    }

    /** As {@link #trial(String, double, double, String)}, trained with the renewal policy {@code renewal}. */
    public static TrialRows trial(String id, double accuracy, double bitBudget, String status, String renewal) {
        Row r = RowFactory.create("{}", "resnet20", "fashion-mnist", 8, "4/4/2", "2/2/1", false, 1, 1L, accuracy, 2.0,
                2.0, 1.0, bitBudget, bitBudget / 10, 0.3, bitBudget / 30, 100.0 * bitBudget, "m", 1.0, status, null,
                "v", "2026-01-01T00:00:00Z", null, null, null, null, null, null, 1, renewal);
        return new TrialRows(id, List.of(r), List.of(), List.of(), List.of());
    }
}
