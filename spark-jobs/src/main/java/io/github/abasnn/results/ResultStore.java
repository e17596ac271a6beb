package io.github.abasnn.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.github.abasnn.sweep.TrialCurve;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import io.github.abasnn.train.TrialStatus;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

/**
 * The result tables as Delta Lake tables on any Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}),
 * Parquet underneath, partitioned by {@code sweep} and {@code trial_id}. A trial, or a group of trials that finished
 * together, is committed table by table with Delta's atomic {@code replaceWhere} on its (sweep, trial ids),
 * {@code epochs}, {@code layers} and {@code layer_epochs} first and {@code trials} last (its row marks the trial as
 * present), so a retry replaces an earlier attempt and no trial is ever written twice; writers racing on one trial
 * are told apart by Delta's optimistic concurrency, and a trial another driver already committed is skipped. Writes
 * are checked against the declared schema (Delta's schema enforcement), reads select the declared columns, and
 * {@link #asOf} reads the store as it was at a version or time (Delta time travel). A store written by earlier
 * versions (plain Parquet) is converted in place on first use.
 */
public final class ResultStore {
    private final SparkSession spark;
    private final String base;
    /** Read the tables as of this time (Delta time travel); null: as they are now. */
    private String asOfTime;

    public ResultStore(SparkSession spark, String base) {
        this.spark = spark;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    public String base() {
        return base;
    }

    /**
     * Fails naming the URI when executors on other machines could not share it: on a cluster master (anything but
     * {@code local[...]}) a scheme-less or {@code file:} results location is each executor's own disk, where staged
     * rows and checkpoints would vanish. {@code -Dabasnn.sharedFileUri=true} accepts it (an NFS mount on every node).
     */
    public static void requireShared(String results, String master) {
        if (master == null || master.startsWith("local") || Boolean.getBoolean("abasnn.sharedFileUri")) {
            return;
        }
        String scheme = java.net.URI.create(results.replace(" ", "%20")).getScheme();
        if (scheme == null || scheme.equals("file")) {
            throw new IllegalArgumentException("results location '" + results + "' is a local path, but master '"
                    + master + "' runs executors elsewhere: use a shared file system URI (hdfs://, s3a://, ...), or"
                    + " -Dabasnn.sharedFileUri=true when it is a mount every node shares");
        }
    }

    private FileSystem fs() {
        try {
            return new Path(base).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach result store " + base, e);
        }
    }

    /** Ids of the trials of {@code sweep} already committed (a row in {@code trials}). */
    public Set<String> committedTrials(String sweep) {
        Set<String> ids = new HashSet<>();
        if (!exists(ResultTables.TRIALS)) {
            return ids;
        }
        for (Row r : read(ResultTables.TRIALS).filter(TrialPredicate.sweep(sweep))
                .select("trial_id").distinct().collectAsList()) {
            ids.add(r.getString(0));
        }
        return ids;
    }

    /** Whether {@code table} has been written (as a Delta table, or as a Parquet table still to convert). */
    boolean exists(String table) {
        try {
            return fs().exists(new Path(base + "/" + table));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach result store " + base, e);
        }
    }

    /** Converts a table written by earlier versions (plain Parquet partitions) into a Delta table, once. */
    private synchronized void ensureDelta(String table) {
        String path = base + "/" + table;
        try {
            FileSystem fs = fs();
            if (!fs.exists(new Path(path)) || fs.exists(new Path(path + "/_delta_log"))) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach result store " + base, e);
        }
        try {
            io.delta.tables.DeltaTable.convertToDelta(spark, "parquet.`" + path + "`",
                    "sweep STRING, trial_id STRING");
        } catch (RuntimeException e) {
            throw new IllegalStateException("table " + path + " is neither a Delta table nor convertible Parquet: "
                    + e.getMessage(), e);
        }
    }

    /** The store as it was at {@code versionOrTime}: a version of {@code trials}, or a timestamp (all tables). */
    public ResultStore asOf(String versionOrTime) {
        if (versionOrTime == null) {
            return this;
        }
        String time = versionOrTime;
        if (versionOrTime.matches("\\d+")) { // a trials version: every table as of that commit's time
            ensureDelta(ResultTables.TRIALS);
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
        ResultStore r = new ResultStore(spark, base);
        r.asOfTime = normal;
        return r;
    }

    /** Delta's commit history of one table (version, timestamp, operation, parameters, metrics). */
    public Dataset<Row> history(String table) {
        ensureDelta(table);
        if (!exists(table)) {
            throw new IllegalArgumentException("table " + table + " has not been written in " + base);
        }
        return io.delta.tables.DeltaTable.forPath(spark, base + "/" + table).history()
                .select("version", "timestamp", "operation", "operationParameters", "operationMetrics");
    }

    /**
     * A table as stored, with its declared columns and types (ids and sweep names stay strings; a column added after
     * the table was written reads as null). A corrupt data file is skipped, and Spark's warning names it, so one bad
     * file does not block every sweep, report and query of the store.
     */
    Dataset<Row> read(String table) {
        ensureDelta(table);
        Dataset<Row> d = asOfTime == null ? deltaReader().load(base + "/" + table) : readAsOf(table);
        if (d == null) { // the table did not exist yet at that time
            return spark.createDataFrame(List.<Row>of(), stored(table));
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
        return spark.read().format("delta").option("ignoreCorruptFiles", "true");
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
            return deltaReader().load(base + "/" + table);
        }
        return deltaReader().option("timestampAsOf", asOfTime).load(base + "/" + table);
    }

    /**
     * Replaces the rows of some trials of one sweep in {@code table} in one atomic Delta commit; retried when a
     * concurrent writer's commit conflicts with it.
     */
    private void replace(String table, String sweep, java.util.Collection<String> trials, Dataset<Row> rows) {
        ensureDelta(table);
        String where = TrialPredicate.sql(TrialPredicate.trials(sweep, trials));
        requireKnownSchema(table);
        retryingConflicts(() -> rows.write().format("delta").mode(SaveMode.Overwrite).option("replaceWhere", where)
                .option("mergeSchema", "true") // an older store gains the columns added since (SCHEMA_VERSION)
                .partitionBy("sweep", "trial_id").save(base + "/" + table));
        stampSchemaVersion(table);
    }

    /** Tables whose schema version this store has checked (and stamped after writing). */
    private final Set<String> checkedVersions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The table's {@link ResultTables#SCHEMA_VERSION_PROPERTY}: 0 when absent, or when the table does not exist. */
    int schemaVersion(String table) {
        if (!exists(table) || !io.delta.tables.DeltaTable.isDeltaTable(spark, base + "/" + table)) {
            return 0; // not written yet (or its first commit still under way)
        }
        String v = io.delta.tables.DeltaTable.forPath(spark, base + "/" + table).detail().select("properties")
                .first().<String, String>getJavaMap(0).get(ResultTables.SCHEMA_VERSION_PROPERTY);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("table " + base + "/" + table + ": property "
                    + ResultTables.SCHEMA_VERSION_PROPERTY + " = '" + v + "' is not a version number", e);
        }
    }

    /** Refuses to write a table a newer build wrote: this build would drop the columns it does not know. */
    private void requireKnownSchema(String table) {
        if (checkedVersions.contains(table)) {
            return;
        }
        int v = schemaVersion(table);
        if (v > ResultTables.SCHEMA_VERSION) {
            throw new IllegalStateException("table " + base + "/" + table + " has schema version " + v + ", newer"
                    + " than this build's " + ResultTables.SCHEMA_VERSION + ": write it with a newer build");
        }
    }

    /** Records {@link ResultTables#SCHEMA_VERSION} on the table once (an older store upgraded by its first commit). */
    private void stampSchemaVersion(String table) {
        if (checkedVersions.contains(table)) {
            return;
        }
        if (schemaVersion(table) < ResultTables.SCHEMA_VERSION) {
            // SQL names a path table by its qualified URI (a relative results path does not resolve there)
            String path = fs().makeQualified(new Path(base + "/" + table)).toString();
            retryingConflicts(() -> spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('"
                    + ResultTables.SCHEMA_VERSION_PROPERTY + "' = '" + ResultTables.SCHEMA_VERSION + "')"));
        }
        checkedVersions.add(table);
    }

    /** Runs a Delta commit, again after a pause when a concurrent writer's commit conflicted with it (5 tries). */
    private static void retryingConflicts(Runnable commit) {
        for (int attempt = 1; ; attempt++) {
            try {
                commit.run();
                return;
            } catch (RuntimeException e) {
                if (!(e instanceof io.delta.exceptions.DeltaConcurrentModificationException
                        || e instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException)
                        || attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** A table's declared schema with its partition columns. */
    private static StructType stored(String table) {
        return ResultTables.schema(table).add("sweep", "string").add("trial_id", "string");
    }

    /**
     * Replaces the rows of one scored (sweep, trial) in a {@code score} table: a dynamic partition overwrite, so a
     * re-run of the same scoring rewrites its partition and adds nothing, and other trials' rows stay.
     */
    public void replaceScores(String table, String sweep, String trial, Dataset<Row> rows) {
        StoreNames.sweep(sweep);
        StoreNames.trial(trial);
        if (!ResultTables.SCORES.contains(table)) {
            throw new IllegalArgumentException("'" + table + "' is not a score table; known: " + ResultTables.SCORES);
        }
        replace(table, sweep, List.of(trial), spark.createDataFrame(rows.toJavaRDD(), ResultTables.schema(table))
                .withColumn("sweep", org.apache.spark.sql.functions.lit(sweep))
                .withColumn("trial_id", org.apache.spark.sql.functions.lit(trial)));
    }

    /** A committed trial as the sweep job needs it: where it is stored, its status, options and provenance. */
    public record StoredTrial(String trialId, TrialStatus status, String codeVersion, Integer attempt,
                              String configJson, String dataChecksum) {
        /** Whether it ran to its end (ok, or stopped by a rule). */
        public boolean finished() {
            return status.finished();
        }
    }

    /** Every committed trial of {@code sweep} (one read of the trials table). */
    public List<StoredTrial> storedTrials(String sweep) {
        List<StoredTrial> out = new java.util.ArrayList<>();
        if (!exists(ResultTables.TRIALS)) {
            return out;
        }
        for (Row r : read(ResultTables.TRIALS).filter(TrialPredicate.sweep(sweep))
                .select("trial_id", "status", "code_version", "attempt", "config_json", "data_checksum")
                .collectAsList()) {
            out.add(new StoredTrial(r.getString(0), TrialStatus.ofColumn(r.getString(1)), r.getString(2),
                    r.isNullAt(3) ? null : r.getInt(3), r.getString(4), r.getString(5)));
        }
        return out;
    }

    /** Ids of the trials of {@code sweep} that ran to their end: status {@code ok} or {@code stopped}. */
    public Set<String> finishedTrials(String sweep) {
        Set<String> ids = new HashSet<>();
        statuses(sweep).forEach((id, status) -> {
            if (status.finished()) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The committed status of every trial of {@code sweep}, by id (one read of the trials table). */
    public java.util.Map<String, TrialStatus> statuses(String sweep) {
        java.util.Map<String, TrialStatus> out = new java.util.HashMap<>();
        if (!exists(ResultTables.TRIALS)) {
            return out;
        }
        for (Row r : read(ResultTables.TRIALS).filter(TrialPredicate.sweep(sweep))
                .select("trial_id", "status").collectAsList()) {
            out.put(r.getString(0), TrialStatus.ofColumn(r.getString(1)));
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
        List<TrialCurve> curves = new java.util.ArrayList<>();
        if (!exists(ResultTables.TRIALS)) {
            return curves;
        }
        Dataset<Row> trials = read(ResultTables.TRIALS).filter(TrialPredicate.sweep(sweep)
                .and(col("status").isin(statuses.stream().map(TrialStatus::column).toArray())))
                .select("trial_id", "finished_at");
        Dataset<Row> epochs = exists(ResultTables.EPOCHS) ? read(ResultTables.EPOCHS)
                .filter(TrialPredicate.sweep(sweep)) : spark.createDataFrame(List.<Row>of(), stored(ResultTables.EPOCHS));
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
        StoreNames.sweep(sweep);
        group.forEach(c -> StoreNames.trial(c.rows().trialId()));
        java.util.Map<String, StoredTrial> stored = new java.util.HashMap<>();
        for (StoredTrial t : storedTrials(sweep)) {
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
                Dataset<Row> one = spark.createDataFrame(rows.rows(table), ResultTables.schema(table))
                        .withColumn("sweep", org.apache.spark.sql.functions.lit(sweep))
                        .withColumn("trial_id", org.apache.spark.sql.functions.lit(rows.trialId()));
                d = d == null ? one : d.union(one);
            }
            replace(table, sweep, write.keySet(), d.coalesce(1));
        }
        return write.keySet();
    }

    /**
     * Registers the views {@code trials}, {@code epochs}, {@code layers}, {@code layer_epochs} (with {@code sweep}
     * and {@code trial_id} columns); the others only with rows of committed trials. The {@code score} job's
     * {@code predictions} and {@code class_metrics} too, empty until something was scored.
     */
    public void registerViews() {
        for (String table : ResultTables.ALL) {
            (exists(table) ? read(table) : spark.createDataFrame(List.<Row>of(), stored(table)))
                    .createOrReplaceTempView(table.equals(ResultTables.TRIALS) ? table : "_all_" + table);
        }
        for (String table : List.of(ResultTables.EPOCHS, ResultTables.LAYERS, ResultTables.LAYER_EPOCHS)) {
            spark.sql("SELECT e.* FROM _all_" + table + " e LEFT SEMI JOIN trials t ON e.sweep = t.sweep AND"
                    + " e.trial_id = t.trial_id").createOrReplaceTempView(table);
        }
        for (String table : ResultTables.SCORES) {
            (exists(table) ? read(table) : spark.createDataFrame(List.<Row>of(), stored(table))).createOrReplaceTempView(table);
        }
    }
}
