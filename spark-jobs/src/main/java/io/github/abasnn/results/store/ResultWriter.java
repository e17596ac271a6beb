package io.github.abasnn.results.store;

import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;

/**
 * Writes the store. A trial, or a group of trials that finished together, is committed table by table with Delta's
 * atomic {@code replaceWhere} on its (sweep, trial ids) — {@code epochs}, {@code layers} and {@code layer_epochs}
 * first and {@code trials} last (its row marks the trial as present) — so a retry replaces an earlier attempt and no
 * trial is ever written twice; writers racing on one trial are told apart by Delta's optimistic concurrency
 * ({@link ConflictRetry}), and a trial another driver already committed is skipped. Writes are checked against the
 * declared schema (Delta's schema enforcement); the predicate is a Column expression ({@link TrialPredicate}).
 */
public final class ResultWriter {
    /** The store's reader (of the present, never a past version): a commit first reads what is stored. */
    private final ResultReader reader;

    ResultWriter(ResultReader reader) {
        this.reader = reader;
    }

    /**
     * Writes one trial's rows, {@code trials} last; safe to call again for the same trial (it replaces the earlier
     * attempt). Returns false, writing nothing, when another driver committed this trial meanwhile.
     */
    public boolean commit(String sweep, TrialRows rows) {
        return commit(sweep, rows, stored -> false);
    }

    /**
     * As {@link #commit(String, TrialRows)}, replacing a trial already finished when {@code replaceFinished} accepts
     * its stored row: one another build trained (a re-run on new code), or one whose rows are incomplete.
     */
    public boolean commit(String sweep, TrialRows rows, java.util.function.Predicate<StoredTrial> replaceFinished) {
        return commit(sweep, List.of(new Commit(rows, replaceFinished))).contains(rows.trialId());
    }

    /** One trial's rows to commit, and which stored row of it they may replace (see {@link #commit(String, List)}). */
    public record Commit(TrialRows rows, java.util.function.Predicate<StoredTrial> replaceFinished) {}

    /**
     * Writes several trials' rows with one Delta commit per table ({@code trials} last), as {@link #commit(String,
     * TrialRows, java.util.function.Predicate)} does for each: a trial another driver finished meanwhile is left out
     * (unless its predicate accepts the stored row). Each table's commit is atomic for the whole group, so a group
     * is as safe to retry as one trial. Returns the ids written.
     */
    public synchronized Set<String> commit(String sweep, List<Commit> group) {
        // names: checked by the read of what is stored (the sweep) and by the first table's predicate (the trial ids),
        // both before anything is written
        java.util.Map<String, StoredTrial> stored = new java.util.HashMap<>();
        for (StoredTrial t : reader.storedTrials(sweep)) {
            stored.put(t.trialId(), t);
        }
        java.util.Map<String, TrialRows> write = new java.util.LinkedHashMap<>();
        for (Commit c : group) {
            StoredTrial t = stored.get(c.rows().trialId());
            if (t == null || !t.finished() || c.replaceFinished().test(t)) {
                write.put(c.rows().trialId(), c.rows()); // a trial twice in a group: its last rows win
            } // else another driver of this sweep finished it first: keep its rows
        }
        if (write.isEmpty()) {
            return Set.of();
        }
        for (String table : ResultTables.ALL) {
            Dataset<Row> d = null;
            for (TrialRows rows : write.values()) {
                Dataset<Row> one = reader.paths.spark.createDataFrame(rows.rows(table), ResultTables.schema(table))
                        .withColumn("sweep", org.apache.spark.sql.functions.lit(sweep))
                        .withColumn("trial_id", org.apache.spark.sql.functions.lit(rows.trialId()));
                d = d == null ? one : d.union(one);
            }
            replace(table, sweep, write.keySet(), d.coalesce(1));
        }
        return write.keySet();
    }

    /**
     * Replaces the rows of one scored (sweep, trial) in a {@code score} table: a dynamic partition overwrite, so a
     * re-run of the same scoring rewrites its partition and adds nothing, and other trials' rows stay.
     */
    public void replaceScores(String table, String sweep, String trial, Dataset<Row> rows) {
        if (!ResultTables.SCORES.contains(table)) {
            throw new IllegalArgumentException("'" + table + "' is not a score table; known: " + ResultTables.SCORES);
        }
        Dataset<Row> typed = reader.paths.spark.createDataFrame(rows.toJavaRDD(), ResultTables.schema(table));
        replace(table, sweep, List.of(trial), typed.withColumn("sweep", org.apache.spark.sql.functions.lit(sweep))
                .withColumn("trial_id", org.apache.spark.sql.functions.lit(trial)));
    }

    /**
     * Replaces the rows of some trials of one sweep in {@code table} in one atomic Delta commit; retried when a
     * concurrent writer's commit conflicts with it.
     */
    private void replace(String table, String sweep, java.util.Collection<String> trials, Dataset<Row> rows) {
        String where = TrialPredicate.sql(TrialPredicate.trials(sweep, trials)); // checks the names first
        reader.migration.ensureDelta(table);
        reader.migration.requireKnownSchema(table);
        ConflictRetry.run(() -> rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", where)
                .option("mergeSchema", "true") // an older store gains the columns added since (SCHEMA_VERSION)
                .partitionBy("sweep", "trial_id").save(reader.paths.table(table)));
        reader.migration.stampSchemaVersion(table);
    }
}
