package io.github.abasnn.results.store;

import io.github.abasnn.sweep.TrialCurve;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The result tables of one location, as Delta Lake tables on any Hadoop file system ({@code file://}, {@code hdfs://},
 * {@code s3a://}), Parquet underneath, partitioned by {@code sweep} and {@code trial_id}. The work is done by small
 * parts: {@link ResultWriter} (commits, conflict retries), {@link ResultReader} (typed reads, views, time travel,
 * history), {@code StoreMigration} (Parquet to Delta, schema versions), {@link StoreLocation} (which URIs executors
 * share); this class holds them for one location and offers their operations in one place. Every sweep name and
 * trial id is checked by {@link StoreNames} before it reaches a predicate.
 */
public final class ResultStore {
    private final StorePaths paths;
    private final StoreMigration migration;
    private final ResultReader reader;
    /** Null for a store read as of a past version or time: that one only reads. */
    private final ResultWriter writer;

    public ResultStore(SparkSession spark, String base) {
        this.paths = new StorePaths(spark, base);
        this.migration = new StoreMigration(paths);
        this.reader = new ResultReader(paths, migration, null);
        this.writer = new ResultWriter(reader);
    }

    private ResultStore(ResultStore now, ResultReader past) {
        this.paths = now.paths;
        this.migration = now.migration;
        this.reader = past;
        this.writer = null;
    }

    public String base() {
        return paths.base;
    }

    public ResultReader reader() {
        return reader;
    }

    public ResultWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("the store " + paths.base + " as of a past version or time only reads");
        }
        return writer;
    }

    /** The store as it was at {@code versionOrTime} (a version of {@code trials}, or a timestamp), read-only. */
    public ResultStore asOf(String versionOrTime) {
        return versionOrTime == null ? this : new ResultStore(this, reader.asOf(versionOrTime));
    }

    /** Whether {@code table} has been written (as a Delta table, or as a Parquet table still to convert). */
    boolean exists(String table) {
        return paths.exists(table);
    }

    Dataset<Row> read(String table) {
        return reader.read(table);
    }

    int schemaVersion(String table) {
        return migration.schemaVersion(table);
    }

    /** See {@link ResultReader#history}. */
    public Dataset<Row> history(String table) {
        return reader.history(table);
    }

    /** See {@link ResultReader#registerViews}. */
    public void registerViews() {
        reader.registerViews();
    }

    /** See {@link ResultReader#storedTrials}. */
    public List<StoredTrial> storedTrials(String sweep) {
        return reader.storedTrials(sweep);
    }

    /** See {@link ResultReader#curves}. */
    public List<TrialCurve> curves(String sweep) {
        return reader.curves(sweep);
    }

    /** See {@link ResultReader#curvesInFinishOrder}. */
    public List<TrialCurve> curvesInFinishOrder(String sweep) {
        return reader.curvesInFinishOrder(sweep);
    }

    /** See {@link ResultWriter#commit(String, TrialRows)}. */
    public boolean commit(String sweep, TrialRows rows) {
        return writer().commit(sweep, rows);
    }

    /** See {@link ResultWriter#commit(String, TrialRows, Predicate)}. */
    public boolean commit(String sweep, TrialRows rows, Predicate<StoredTrial> replaceFinished) {
        return writer().commit(sweep, rows, replaceFinished);
    }

    /** See {@link ResultWriter#commit(String, List)}. */
    public Set<String> commit(String sweep, List<ResultWriter.Commit> group) {
        return writer().commit(sweep, group);
    }

    /** See {@link ResultWriter#replaceScores}. */
    public void replaceScores(String table, String sweep, String trial, Dataset<Row> rows) {
        writer().replaceScores(table, sweep, trial, rows);
    }
}
