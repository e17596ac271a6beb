package io.github.abasnn.results.store;

import io.github.abasnn.train.TrialStatus;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Counts, per committed trial of a sweep, the rows each table holds against the rows the trial must have: one
 * {@code trials} row; for a finished trial an {@code epochs} row per epoch it ran (its planned epochs when ok, up to
 * its last when stopped), a {@code layers} row per quantized layer and a {@code layer_epochs} row per epoch and layer.
 * Rows that should be there and are not (a lost or corrupt table file) are lost; a key present twice is duplicated.
 * A trial written before schema version 2 may have no {@code layer_epochs} rows at all (the table came later).
 */
public final class TableAudit {
    private TableAudit() {}

    /** One trial's counts. */
    public record TrialCheck(String trialId, TrialStatus status, long trialRows, long lost, long duplicated) {
        public boolean complete() {
            return lost == 0 && duplicated == 0;
        }
    }

    /** Every committed trial of {@code sweep} in {@code store}, checked. */
    public static List<TrialCheck> of(SparkSession spark, ResultStore store, String sweep) {
        StoreNames.sweep(sweep);
        List<TrialCheck> out = new ArrayList<>();
        if (!store.exists(ResultTables.TRIALS)) {
            return out;
        }
        store.registerViews();
        List<Row> rows = spark.sql("SELECT t.trial_id, t.status, t.planned, t.n,"
                + " coalesce(e.n, 0), coalesce(e.d, 0), coalesce(e.mx, 0),"
                + " coalesce(l.n, 0), coalesce(l.d, 0),"
                + " coalesce(le.n, 0), coalesce(le.d, 0), coalesce(le.layers, 0), t.attempt IS NULL"
                + " FROM (SELECT trial_id, first(status) AS status, first(epochs) AS planned, count(*) AS n,"
                + "       first(attempt) AS attempt"
                + "       FROM trials WHERE sweep = :sweep GROUP BY trial_id) t"
                + " LEFT JOIN (SELECT trial_id, count(*) AS n, count(DISTINCT epoch) AS d, max(epoch) AS mx"
                + "       FROM epochs WHERE sweep = :sweep GROUP BY trial_id) e ON e.trial_id = t.trial_id"
                + " LEFT JOIN (SELECT trial_id, count(*) AS n, count(DISTINCT layer) AS d"
                + "       FROM layers WHERE sweep = :sweep GROUP BY trial_id) l ON l.trial_id = t.trial_id"
                + " LEFT JOIN (SELECT trial_id, count(*) AS n, count(DISTINCT epoch, layer) AS d,"
                + "       count(DISTINCT layer) AS layers FROM layer_epochs WHERE sweep = :sweep"
                + "       GROUP BY trial_id) le ON le.trial_id = t.trial_id ORDER BY t.trial_id",
                java.util.Map.of("sweep", sweep)) // checked above; a parameter: Spark makes it a literal
                .collectAsList();
        for (Row r : rows) {
            TrialStatus status = TrialStatus.ofColumn(r.getString(1));
            long trialRows = r.getLong(3);
            long duplicated = trialRows - 1;
            long lost = 0;
            long epochRows = r.getLong(4);
            long epochs = r.getLong(5);
            long layerRows = r.getLong(7);
            long layers = r.getLong(8);
            long cellRows = r.getLong(9);
            long cells = r.getLong(10);
            duplicated += (epochRows - epochs) + (layerRows - layers) + (cellRows - cells);
            if (status.finished()) {
                long expectedEpochs = status == TrialStatus.OK ? r.getInt(2) : Math.max(r.getInt(6), 1);
                long expectedLayers = Math.max(layers, r.getLong(11));
                lost += Math.max(0, expectedEpochs - epochs);
                if (expectedLayers == 0) {
                    lost += 1; // every layer row gone: at least one lost, how many is unknowable here
                } else {
                    lost += expectedLayers - layers;
                    // rows written before the attempt column (schema version 1) may predate layer_epochs itself
                    boolean layerEpochsExpected = !r.getBoolean(12) || cellRows > 0;
                    lost += layerEpochsExpected ? Math.max(0, expectedEpochs * expectedLayers - cells) : 0;
                }
            }
            out.add(new TrialCheck(r.getString(0), status, trialRows, lost, duplicated));
        }
        return out;
    }
}
