package io.github.abasnn.results.store;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;

/**
 * A plain snapshot of the result tables for readers without Spark (pandas, spreadsheets): each view
 * ({@link ResultTables#ALL}), optionally one sweep's rows, written as {@code <out>/<table>/part-*} through Spark's own
 * writers — Parquet, JSON lines, or CSV with a header and RFC 4180 quoting (array columns as JSON text).
 */
public final class TableExport {
    public static final List<String> FORMATS = List.of("parquet", "json", "csv");

    private TableExport() {}

    /** Writes every table; returns the number of rows written per table, in {@link ResultTables#ALL} order. */
    public static long[] write(SparkSession spark, ResultStore store, String sweep, String format, String out) {
        String fmt = format.toLowerCase(Locale.ROOT);
        if (!FORMATS.contains(fmt)) {
            throw new IllegalArgumentException("--format '" + format + "' must be one of " + FORMATS);
        }
        Column ofSweep = sweep == null ? null : TrialPredicate.sweep(sweep); // checks the name before any read
        store.registerViews();
        long[] counts = new long[ResultTables.ALL.size()];
        for (int i = 0; i < counts.length; i++) {
            String table = ResultTables.ALL.get(i);
            Dataset<Row> d = spark.table(table);
            if (ofSweep != null) {
                d = d.filter(ofSweep);
            }
            if (fmt.equals("csv")) {
                d = d.select(Arrays.stream(d.schema().fields()).map(f -> f.dataType() instanceof ArrayType
                        ? functions.to_json(functions.col(f.name())).as(f.name()) : functions.col(f.name()))
                        .toArray(Column[]::new));
            }
            counts[i] = d.count();
            var w = d.coalesce(1).write().mode(SaveMode.Overwrite).format(fmt);
            if (fmt.equals("csv")) {
                w = w.option("header", "true").option("escape", "\"");
            }
            w.save(out + "/" + table);
            org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(out + "/" + table);
            try {
                HadoopFiles.dropChecksumFiles(dir.getFileSystem(spark.sparkContext().hadoopConfiguration()), dir);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot list " + dir, e);
            }
        }
        return counts;
    }
}
