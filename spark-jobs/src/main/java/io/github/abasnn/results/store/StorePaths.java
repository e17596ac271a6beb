package io.github.abasnn.results.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** A store's location: its base URI, its file system and where each table lies. */
final class StorePaths {
    final SparkSession spark;
    final String base;

    StorePaths(SparkSession spark, String base) {
        this.spark = spark;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** Where {@code table} lies. */
    String table(String table) {
        return base + "/" + table;
    }

    /** The file system the store lies on. */
    FileSystem fs() {
        try {
            return new Path(base).getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach result store " + base, e);
        }
    }

    /** Whether {@code table} has been written (as a Delta table, or as a Parquet table still to convert). */
    boolean exists(String table) {
        try {
            return fs().exists(new Path(table(table)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach result store " + base, e);
        }
    }
}
