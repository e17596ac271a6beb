package io.github.abasnn.results;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import io.github.abasnn.sweep.TrialCurve;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * The result tables on any Hadoop file system ({@code file://}, {@code hdfs://}, {@code s3a://}). A trial is committed
 * as a unit: each table's rows are written to a staging directory and moved to
 * {@code <table>/sweep=<name>/trial_id=<id>}, the {@code trials} row last — it marks the trial as present. A retry
 * replaces whatever an earlier attempt left, so no trial is ever written twice.
 */
public final class ResultStore {
    private final SparkSession spark;
    private final String base;

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

    private Path partition(String table, String sweep, String trial) {
        return new Path(base + "/" + table + "/sweep=" + sweep + "/trial_id=" + trial);
    }

    /** Ids of the trials of {@code sweep} already committed. */
    public Set<String> committedTrials(String sweep) {
        Set<String> ids = new HashSet<>();
        Path dir = new Path(base + "/" + ResultTables.TRIALS + "/sweep=" + sweep);
        try {
            FileSystem fs = fs();
            if (!fs.exists(dir)) {
                return ids;
            }
            for (FileStatus s : fs.listStatus(dir)) {
                String name = s.getPath().getName();
                if (s.isDirectory() && name.startsWith("trial_id=")) {
                    ids.add(name.substring("trial_id=".length()));
                }
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /**
     * A table as stored, read with its declared schema (so ids and sweep names stay strings). A corrupt file is
     * skipped, and Spark's warning names it, so one bad file does not block every sweep, report and query of the
     * store.
     */
    Dataset<Row> read(String table) {
        return spark.read().schema(stored(table)).option("ignoreCorruptFiles", "true").parquet(base + "/" + table);
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
        if (!ResultTables.SCORES.contains(table)) {
            throw new IllegalArgumentException("'" + table + "' is not a score table; known: " + ResultTables.SCORES);
        }
        Dataset<Row> typed = spark.createDataFrame(rows.toJavaRDD(), ResultTables.schema(table))
                .withColumn("sweep", org.apache.spark.sql.functions.lit(sweep))
                .withColumn("trial_id", org.apache.spark.sql.functions.lit(trial));
        String mode = spark.conf().get("spark.sql.sources.partitionOverwriteMode");
        spark.conf().set("spark.sql.sources.partitionOverwriteMode", "dynamic");
        try {
            typed.write().mode(org.apache.spark.sql.SaveMode.Overwrite).partitionBy("sweep", "trial_id")
                    .parquet(base + "/" + table);
        } finally {
            spark.conf().set("spark.sql.sources.partitionOverwriteMode", mode);
        }
    }

    /** Ids of the trials of {@code sweep} that ran to their end: status {@code ok} or {@code stopped}. */
    public Set<String> finishedTrials(String sweep) {
        Set<String> ids = new HashSet<>();
        statuses(sweep).forEach((id, status) -> {
            if (status.equals("ok") || status.equals("stopped")) {
                ids.add(id);
            }
        });
        return ids;
    }

    /** The committed status of every trial of {@code sweep}, by id (one read of the trials table). */
    public java.util.Map<String, String> statuses(String sweep) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        if (committedTrials(sweep).isEmpty()) {
            return out;
        }
        for (Row r : read(ResultTables.TRIALS).filter(org.apache.spark.sql.functions.col("sweep").equalTo(sweep))
                .select("trial_id", "status").collectAsList()) {
            out.put(r.getString(0), r.getString(1));
        }
        return out;
    }

    /** Accuracy and bit budget per epoch of every finished (ok or stopped) trial of {@code sweep}, in epoch order. */
    public List<TrialCurve> curves(String sweep) {
        List<TrialCurve> curves = new java.util.ArrayList<>();
        if (committedTrials(sweep).isEmpty()) {
            return curves;
        }
        registerViews();
        List<Row> rows = spark.sql("SELECT e.trial_id, sort_array(collect_list(struct(e.epoch, e.test_accuracy,"
                + " e.bit_budget))) FROM epochs e JOIN trials t ON e.sweep = t.sweep AND e.trial_id = t.trial_id"
                + " WHERE t.sweep = '" + sweep.replace("'", "''") + "' AND t.status IN ('ok', 'stopped')"
                + " GROUP BY e.trial_id").collectAsList();
        for (Row r : rows) {
            List<Row> points = r.getList(1);
            curves.add(new TrialCurve(points.stream().mapToDouble(p -> p.getDouble(1)).toArray(),
                    points.stream().mapToDouble(p -> p.getDouble(2)).toArray()));
        }
        return curves;
    }

    /** The curves of {@code sweep}'s finished trials in the order they finished (for replaying a stopping rule). */
    public List<TrialCurve> curvesInFinishOrder(String sweep) {
        List<TrialCurve> curves = new java.util.ArrayList<>();
        if (committedTrials(sweep).isEmpty()) {
            return curves;
        }
        registerViews();
        List<Row> rows = spark.sql("SELECT e.trial_id, sort_array(collect_list(struct(e.epoch, e.test_accuracy,"
                + " e.bit_budget))), first(t.finished_at) AS finished FROM epochs e JOIN trials t ON e.sweep = t.sweep"
                + " AND e.trial_id = t.trial_id WHERE t.sweep = '" + sweep.replace("'", "''") + "' AND t.status = 'ok'"
                + " GROUP BY e.trial_id ORDER BY finished, e.trial_id").collectAsList();
        for (Row r : rows) {
            List<Row> points = r.getList(1);
            curves.add(new TrialCurve(points.stream().mapToDouble(p -> p.getDouble(1)).toArray(),
                    points.stream().mapToDouble(p -> p.getDouble(2)).toArray()));
        }
        return curves;
    }

    /** Writes one trial's rows; safe to call again for the same trial (it replaces the earlier attempt). */
    public synchronized void commit(String sweep, TrialRows rows) {
        FileSystem fs = fs();
        Path staging = new Path(base + "/_staging/" + sweep + "/" + rows.trialId());
        try {
            fs.delete(staging, true);
            for (String table : ResultTables.ALL) {
                move(fs, table, ResultTables.schema(table), rows.rows(table), sweep, rows.trialId(), staging);
            }
            fs.delete(staging, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit trial " + rows.trialId() + " to " + base, e);
        }
    }

    private void move(FileSystem fs, String table, StructType schema, List<Row> rows, String sweep, String trial,
                      Path staging) throws IOException {
        Path target = partition(table, sweep, trial);
        fs.delete(target, true);
        if (rows.isEmpty()) {
            return;
        }
        Path tmp = new Path(staging, table);
        spark.createDataFrame(rows, schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(tmp.toString());
        fs.mkdirs(target.getParent());
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not move " + tmp + " to " + target);
        }
    }

    /**
     * Registers the views {@code trials}, {@code epochs}, {@code layers}, {@code layer_epochs} (with {@code sweep}
     * and {@code trial_id} columns); the others only with rows of committed trials. The {@code score} job's
     * {@code predictions} and {@code class_metrics} too, empty until something was scored.
     */
    public void registerViews() {
        for (String table : ResultTables.ALL) {
            String path = base + "/" + table;
            boolean exists;
            try {
                exists = fs().exists(new Path(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            (exists ? read(table) : spark.createDataFrame(List.<Row>of(), stored(table)))
                    .createOrReplaceTempView(table.equals(ResultTables.TRIALS) ? table : "_all_" + table);
        }
        for (String table : List.of(ResultTables.EPOCHS, ResultTables.LAYERS, ResultTables.LAYER_EPOCHS)) {
            spark.sql("SELECT e.* FROM _all_" + table + " e LEFT SEMI JOIN trials t ON e.sweep = t.sweep AND"
                    + " e.trial_id = t.trial_id").createOrReplaceTempView(table);
        }
        for (String table : ResultTables.SCORES) {
            boolean exists;
            try {
                exists = fs().exists(new Path(base + "/" + table));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            (exists ? read(table) : spark.createDataFrame(List.<Row>of(), stored(table))).createOrReplaceTempView(table);
        }
    }
}
