package io.github.abasnn.results.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import io.github.abasnn.sweep.TrialCurve;
import io.github.abasnn.train.TrialStatus;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the store: each table with its declared columns and types (a column added after a table was written reads as
 * null, a corrupt data file is skipped with Spark's warning naming it), the SQL views, the tables as they were at a
 * version or time (Delta time travel, {@link #asOf}), commit histories, and what the sweep job needs of a sweep.
 */
public final class ResultReader {
    final StorePaths paths;
    final StoreMigration migration;
    /** Read the tables as of this time (Delta time travel); null: as they are now. */
    private final String asOfTime;

    ResultReader(StorePaths paths, StoreMigration migration, String asOfTime) {
        this.paths = paths;
        this.migration = migration;
        this.asOfTime = asOfTime;
    }

    /** The store as it was at {@code versionOrTime}: a version of {@code trials}, or a timestamp (all tables). */
    public ResultReader asOf(String versionOrTime) {
        if (versionOrTime == null) {
            return this;
        }
        String time = versionOrTime;
        if (versionOrTime.matches("\\d+")) { // a trials version: every table as of that commit's time
            migration.ensureDelta(ResultTables.TRIALS);
            List<Row> h = history(ResultTables.TRIALS).filter(org.apache.spark.sql.functions.col("version")
                    .equalTo(Long.parseLong(versionOrTime))).select("timestamp").collectAsList();
            if (h.isEmpty()) {
                throw new IllegalArgumentException("--as-of " + versionOrTime + ": table trials has no such version"
                        + " (DESCRIBE HISTORY: the history command)");
            }
            time = h.get(0).getTimestamp(0).toString();
        }
        String normal = time.replace('T', ' ');
        if (normal.matches("\\d{4}-\\d{2}-\\d{2}")) {
            normal += " 00:00:00";
        }
        try {
            java.sql.Timestamp.valueOf(normal);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--as-of '" + versionOrTime + "' is neither a version of trials nor a"
                    + " timestamp like 2026-12-01T17:00:00", e);
        }
        return new ResultReader(paths, migration, normal);
    }

    /** Delta's commit history of one table (version, timestamp, operation, parameters, metrics). */
    public Dataset<Row> history(String table) {
        migration.ensureDelta(table);
        if (!paths.exists(table)) {
            throw new IllegalArgumentException("table " + table + " has not been written in " + paths.base);
        }
        return io.delta.tables.DeltaTable.forPath(paths.spark, paths.table(table)).history()
                .select("version", "timestamp", "operation", "operationParameters", "operationMetrics");
    }

    /**
     * A table as stored, with its declared columns and types (ids and sweep names stay strings; a column added after
     * the table was written reads as null). A corrupt data file is skipped, and Spark's warning names it, so one bad
     * file does not block every sweep, report and query of the store.
     */
    Dataset<Row> read(String table) {
        migration.ensureDelta(table);
        Dataset<Row> d = asOfTime == null ? deltaReader().load(paths.table(table)) : readAsOf(table);
        if (d == null) { // the table did not exist yet at that time
            return paths.spark.createDataFrame(List.<Row>of(), stored(table));
        }
        List<String> have = java.util.Arrays.asList(d.columns());
        List<org.apache.spark.sql.Column> cols = new java.util.ArrayList<>();
        for (org.apache.spark.sql.types.StructField f : stored(table).fields()) {
            if (!have.contains(f.name())) {
                cols.add(org.apache.spark.sql.functions.lit(null).cast(f.dataType()).as(f.name()));
            } else if (d.schema().apply(f.name()).dataType().sameType(f.dataType())) {
                cols.add(d.col(f.name())); // the type as declared (nullability aside: Delta stores arrays nullable)
            } else {
                cols.add(d.col(f.name()).cast(f.dataType()).as(f.name()));
            }
        }
        return d.select(cols.toArray(org.apache.spark.sql.Column[]::new));
    }

    private org.apache.spark.sql.DataFrameReader deltaReader() {
        return paths.spark.read().format("delta").option("ignoreCorruptFiles", "true");
    }

    /**
     * {@code table} as of {@link #asOfTime}: each table's latest commit at or before that time (tables commit one
     * after another, so a time taken from {@code trials} can lie after another table's last commit), or null when the
     * table had no commit yet.
     */
    private Dataset<Row> readAsOf(String table) {
        List<Row> first = history(table).orderBy("version").select("timestamp").limit(1).collectAsList();
        java.sql.Timestamp at = java.sql.Timestamp.valueOf(asOfTime);
        if (first.isEmpty() || at.before(first.get(0).getTimestamp(0))) {
            return null;
        }
        Row latest = history(table).orderBy(org.apache.spark.sql.functions.col("version").desc())
                .select("timestamp").first();
        if (!at.before(latest.getTimestamp(0))) {
            return deltaReader().load(paths.table(table));
        }
        return deltaReader().option("timestampAsOf", asOfTime).load(paths.table(table));
    }

    /** A table's declared schema with its partition columns. */
    static StructType stored(String table) {
        return ResultTables.schema(table).add("sweep", "string").add("trial_id", "string");
    }

    /** {@link #read}, or no rows of the declared schema when {@code table} has not been written yet. */
    private Dataset<Row> readOrEmpty(String table) {
        return paths.exists(table) ? read(table) : paths.spark.createDataFrame(List.<Row>of(), stored(table));
    }

    /** Every committed trial of {@code sweep} (one read of the trials table). */
    public List<StoredTrial> storedTrials(String sweep) {
        org.apache.spark.sql.Column ofSweep = TrialPredicate.sweep(sweep); // checks the name, store empty or not
        List<StoredTrial> out = new java.util.ArrayList<>();
        if (!paths.exists(ResultTables.TRIALS)) {
            return out;
        }
        for (Row r : read(ResultTables.TRIALS).filter(ofSweep)
                .select("trial_id", "status", "code_version", "attempt", "config_json", "data_checksum")
                .collectAsList()) {
            out.add(new StoredTrial(r.getString(0), TrialStatus.ofColumn(r.getString(1)), r.getString(2),
                    r.isNullAt(3) ? null : r.getInt(3), r.getString(4), r.getString(5)));
        }
        return out;
    }

    /** Accuracy and bit budget per epoch of every finished (ok or stopped) trial of {@code sweep}, in epoch order. */
    public List<TrialCurve> curves(String sweep) {
        return curves(sweep, List.of(TrialStatus.OK, TrialStatus.STOPPED));
    }

    /** The curves of {@code sweep}'s trials that ran to the end (ok) in the order they finished (for replays). */
    public List<TrialCurve> curvesInFinishOrder(String sweep) {
        return curves(sweep, List.of(TrialStatus.OK));
    }

    private List<TrialCurve> curves(String sweep, List<TrialStatus> statuses) {
        org.apache.spark.sql.Column ofSweep = TrialPredicate.sweep(sweep); // checks the name, store empty or not
        List<TrialCurve> curves = new java.util.ArrayList<>();
        if (!paths.exists(ResultTables.TRIALS)) {
            return curves;
        }
        Dataset<Row> trials = read(ResultTables.TRIALS).filter(ofSweep
                .and(col("status").isin(statuses.stream().map(TrialStatus::column).toArray())))
                .select("trial_id", "finished_at");
        Dataset<Row> epochs = readOrEmpty(ResultTables.EPOCHS).filter(ofSweep);
        List<Row> rows = epochs.join(trials, "trial_id").groupBy("trial_id")
                .agg(sort_array(collect_list(struct(col("epoch"), col("test_accuracy"), col("bit_budget")))),
                        first(col("finished_at")).as("finished"))
                .orderBy(col("finished"), col("trial_id")).collectAsList();
        for (Row r : rows) {
            List<Row> points = r.getList(1);
            curves.add(new TrialCurve(points.stream().mapToDouble(p -> p.getDouble(1)).toArray(),
                    points.stream().mapToDouble(p -> p.getDouble(2)).toArray()));
        }
        return curves;
    }

    /**
     * Registers the views {@code trials}, {@code epochs}, {@code layers}, {@code layer_epochs} (with {@code sweep}
     * and {@code trial_id} columns); the others only with rows of committed trials. The {@code score} job's
     * {@code predictions} and {@code class_metrics} too, empty until something was scored.
     */
    public void registerViews() {
        for (String table : ResultTables.ALL) {
            readOrEmpty(table).createOrReplaceTempView(table.equals(ResultTables.TRIALS) ? table : "_all_" + table);
        }
        for (String table : List.of(ResultTables.EPOCHS, ResultTables.LAYERS, ResultTables.LAYER_EPOCHS)) {
            paths.spark.sql("SELECT e.* FROM _all_" + table + " e LEFT SEMI JOIN trials t ON e.sweep = t.sweep AND"
                    + " e.trial_id = t.trial_id").createOrReplaceTempView(table);
        }
        for (String table : ResultTables.SCORES) {
            readOrEmpty(table).createOrReplaceTempView(table);
        }
    }
}
