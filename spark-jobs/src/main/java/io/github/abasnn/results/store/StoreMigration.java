package io.github.abasnn.results.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Stores written by earlier versions: a table of plain Parquet partitions is converted to Delta in place on first use,
 * and each table carries {@link ResultTables#SCHEMA_VERSION}: an older one is stamped by its next commit (the columns
 * added since read as null), a newer one is refused for writing (this build would drop the columns it does not know).
 */
final class StoreMigration {
    private final StorePaths paths;
    /** Tables whose schema version this store has checked (and stamped after writing). */
    private final Set<String> checkedVersions = java.util.concurrent.ConcurrentHashMap.newKeySet();

    StoreMigration(StorePaths paths) {
        this.paths = paths;
    }

    /** Converts a table written by earlier versions (plain Parquet partitions) into a Delta table, once. */
    synchronized void ensureDelta(String table) {
        String path = paths.table(table);
        try {
            FileSystem fs = paths.fs();
            if (!fs.exists(new Path(path)) || fs.exists(new Path(path + "/_delta_log"))) {
                return;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach result store " + paths.base, e);
        }
        try {
            io.delta.tables.DeltaTable.convertToDelta(paths.spark, "parquet.`" + path + "`",
                    "sweep STRING, trial_id STRING");
        } catch (RuntimeException e) {
            throw new IllegalStateException("table " + path + " is neither a Delta table nor convertible Parquet: "
                    + e.getMessage(), e);
        }
    }

    /** The table's {@link ResultTables#SCHEMA_VERSION_PROPERTY}: 0 when absent, or when the table does not exist. */
    int schemaVersion(String table) {
        if (!paths.exists(table) || !io.delta.tables.DeltaTable.isDeltaTable(paths.spark, paths.table(table))) {
            return 0; // not written yet (or its first commit still under way)
        }
        String v = io.delta.tables.DeltaTable.forPath(paths.spark, paths.table(table)).detail().select("properties")
                .first().<String, String>getJavaMap(0).get(ResultTables.SCHEMA_VERSION_PROPERTY);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("table " + paths.table(table) + ": property "
                    + ResultTables.SCHEMA_VERSION_PROPERTY + " = '" + v + "' is not a version number", e);
        }
    }

    /** Refuses to write a table a newer build wrote: this build would drop the columns it does not know. */
    void requireKnownSchema(String table) {
        if (checkedVersions.contains(table)) {
            return;
        }
        int v = schemaVersion(table);
        if (v > ResultTables.SCHEMA_VERSION) {
            throw new IllegalStateException("table " + paths.table(table) + " has schema version " + v + ", newer"
                    + " than this build's " + ResultTables.SCHEMA_VERSION + ": write it with a newer build");
        }
    }

    /** Records {@link ResultTables#SCHEMA_VERSION} on the table once (an older store upgraded by its first commit). */
    void stampSchemaVersion(String table) {
        if (checkedVersions.contains(table)) {
            return;
        }
        if (schemaVersion(table) < ResultTables.SCHEMA_VERSION) {
            // SQL names a path table by its qualified URI (a relative results path does not resolve there)
            String path = paths.fs().makeQualified(new Path(paths.table(table))).toString();
            ConflictRetry.run(() -> paths.spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES ('"
                    + ResultTables.SCHEMA_VERSION_PROPERTY + "' = '" + ResultTables.SCHEMA_VERSION + "')"));
        }
        checkedVersions.add(table);
    }
}
