package io.github.abasnn.results.store;

import org.apache.spark.sql.SparkSession;

/**
 * The session settings the Delta result tables need (Delta Lake for Spark 3.5): its SQL extension and its catalog,
 * which are static and so go on the builder before the first session of the JVM is created, and two that keep the
 * small tables fast and their counts honest.
 */
public final class DeltaSessions {
    public static final String EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
    public static final String CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

    private DeltaSessions() {}

    public static SparkSession.Builder configure(SparkSession.Builder b) {
        return b.config("spark.sql.extensions", EXTENSION).config("spark.sql.catalog.spark_catalog", CATALOG)
                // the tables' logs are small: replaying one in 50 partitions costs more than it saves
                .config("spark.databricks.delta.snapshotPartitions", "2")
                // count(*) from the log's statistics would count a corrupt file's rows the reads skip
                .config("spark.databricks.delta.optimizeMetadataQuery.enabled", "false")
                // a corrupt data file is skipped with a warning naming it (Delta's reads take the session's setting)
                .config("spark.sql.files.ignoreCorruptFiles", "true");
    }
}
