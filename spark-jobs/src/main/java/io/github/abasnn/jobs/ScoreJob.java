package io.github.abasnn.jobs;

import io.github.abasnn.results.store.SchemaRow;
import io.github.abasnn.storage.HadoopData;

import io.github.abasnn.ml.SnnClassificationModel;
import io.github.abasnn.ml.TestImages;
import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.ResultTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.mllib.evaluation.MulticlassMetrics;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/**
 * Scores a dataset with a trained network on the executors: a saved {@code PipelineModel} or
 * {@code SnnClassificationModel}, or a run directory holding a checkpoint (a sweep trial's kept network under
 * {@code models/<sweep>/<trial>}, or {@code train --out}). Writes the {@code predictions} table (dataset, row id,
 * label, prediction) and per-class precision, recall, F1 and confusion counts into {@code class_metrics} (accuracy
 * and weighted F1 from MLlib's {@link MulticlassMetrics}), both replacing
 * that (sweep, trial)'s earlier rows.
 */
public final class ScoreJob {
    private ScoreJob() {}

    /** What was scored, and the metrics. */
    public record Outcome(String sweep, String trial, long images, double accuracy, double weightedF1,
                          Matrix confusion) {}

    /** A model to score with, and the (sweep, trial) its rows are filed under. */
    record Scorer(Transformer model, String sweep, String trial) {}

    /**
     * @param modelPath a saved pipeline or model (local or Hadoop URI), or a local run directory with a checkpoint
     * @param dataDir   the dataset directory (for a run directory: default the run's own)
     */
    public static Outcome run(SparkSession spark, String modelPath, String dataset, String dataDir, int limit,
                              ResultStore store, String sweep) throws IOException {
        Path local = dataDir == null ? null : HadoopData.local(dataDir);
        Scorer scorer = load(spark, modelPath, sweep, local);
        TestImages test = TestImages.load(spark, dataset, local, limit);
        return score(spark, scorer, test.frame(), test.name(), test.classes(), store);
    }

    /**
     * Scores image files through MLlib's image data source ({@code <dir>/<label>/<file>}, any Hadoop URI): the
     * executors read and decode the files of their partitions, so the set never passes through one machine.
     * Row ids are a hash of each file's path, stable across runs.
     */
    public static Outcome runImages(SparkSession spark, String modelPath, String imagesDir, ResultStore store,
                                    String sweep, String dataDir) throws IOException {
        Scorer scorer = load(spark, modelPath, sweep, dataDir == null ? null : HadoopData.local(dataDir));
        Dataset<Row> images = spark.read().format("image").option("recursiveFileLookup", "true").load(imagesDir)
                .withColumn("row_id", org.apache.spark.sql.functions.xxhash64(
                        org.apache.spark.sql.functions.col("image.origin")))
                .withColumn("label", org.apache.spark.sql.functions.regexp_extract(
                        org.apache.spark.sql.functions.col("image.origin"), "/(\\d+)/[^/]+$", 1).cast("double"));
        if (!images.filter("label IS NULL").isEmpty()) {
            Row bad = images.filter("label IS NULL").select("image.origin").first();
            throw new IllegalArgumentException("image " + bad.getString(0) + " does not sit in a folder named by its"
                    + " class index (<dir>/<label>/<file>)");
        }
        return score(spark, scorer, images, imagesDir, 10, store);
    }

    private static Outcome score(SparkSession spark, Scorer scorer, Dataset<Row> images, String datasetName,
                                 int classes, ResultStore store) {
        Dataset<Row> scored = scorer.model().transform(images).select("row_id", "label", "prediction").cache();
        Dataset<Row> predictions = scored.select(org.apache.spark.sql.functions.lit(datasetName).as("dataset"),
                scored.col("row_id"), scored.col("label").cast("int").as("label"),
                scored.col("prediction").cast("int").as("prediction"));
        MulticlassMetrics metrics = new MulticlassMetrics(scored.select("prediction", "label").toJavaRDD()
                .map(r -> new Tuple2<Object, Object>(r.getDouble(0), r.getDouble(1))).rdd());
        // MulticlassMetrics' own matrix covers only classes that occur as labels; count over every class instead
        long[][] counts = new long[classes][classes];
        for (Row r : scored.groupBy("label", "prediction").count().collectAsList()) {
            counts[(int) r.getDouble(0)][(int) r.getDouble(1)] = r.getLong(2);
        }
        double[] flat = new double[classes * classes];
        List<Row> perClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            long support = 0;
            for (int p = 0; p < classes; p++) {
                support += counts[c][p];
                flat[p * classes + c] = counts[c][p]; // column-major
            }
            long predicted = 0;
            for (long[] row : counts) {
                predicted += row[c];
            }
            if (support == 0 && predicted == 0) {
                continue;
            }
            // MLlib's formulas, which it only evaluates for classes that occur as labels
            double precision = predicted == 0 ? 0 : (double) counts[c][c] / predicted;
            double recall = support == 0 ? 0 : (double) counts[c][c] / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(SchemaRow.of(ResultTables.CLASS_METRICS).set("dataset", datasetName)
                    .set("class", c).set("precision", precision).set("recall", recall).set("f1", f1)
                    .set("support", support).set("confusion", boxed(counts[c])).build());
        }
        Matrix confusion = org.apache.spark.mllib.linalg.Matrices.dense(classes, classes, flat);
        if (store != null) {
            store.replaceScores(ResultTables.PREDICTIONS, scorer.sweep(), scorer.trial(), predictions);
            store.replaceScores(ResultTables.CLASS_METRICS, scorer.sweep(), scorer.trial(),
                    spark.createDataFrame(perClass, ResultTables.CLASS_METRIC));
        }
        long n = scored.count();
        scored.unpersist();
        return new Outcome(scorer.sweep(), scorer.trial(), n, metrics.accuracy(), metrics.weightedFMeasure(),
                confusion);
    }

    static Scorer load(SparkSession spark, String modelPath, String sweep, Path dataDir) throws IOException {
        // a kept trial network on HDFS or S3 is read from a local copy; a saved Spark ML model is read where it is
        Path local = !HadoopData.isRemote(modelPath) || isRunDirectory(spark, modelPath) ? HadoopData.local(modelPath)
                : null;
        if (local != null && Files.isRegularFile(local.resolve("checkpoint.zip"))) {
            SnnClassificationModel m = SnnClassificationModel.fromRun(local, dataDir);
            Path abs = local.toAbsolutePath().normalize();
            String[] parts = (HadoopData.isRemote(modelPath) ? java.net.URI.create(modelPath).getPath()
                    : abs.toString()).replaceAll("/+$", "").split("/");
            boolean kept = parts.length >= 3 && parts[parts.length - 3].equals("models");
            return new Scorer(m, kept ? parts[parts.length - 2] : sweep, parts[parts.length - 1]);
        }
        String metadata;
        try {
            metadata = spark.read().text(modelPath + "/metadata").first().getString(0);
        } catch (Exception e) { // AnalysisException (a missing path) is checked in Java's eyes but undeclared
            throw new IllegalArgumentException("--model " + modelPath + " is neither a run directory with"
                    + " checkpoint.zip nor a saved Spark ML model (no readable metadata)", e);
        }
        Transformer model;
        String uid;
        if (metadata.contains("\"class\":\"" + PipelineModel.class.getName() + "\"")) {
            PipelineModel p = PipelineModel.load(modelPath);
            model = p;
            uid = p.uid();
        } else if (metadata.contains("\"class\":\"" + SnnClassificationModel.class.getName() + "\"")) {
            SnnClassificationModel m = SnnClassificationModel.load(modelPath);
            model = m;
            uid = m.uid();
        } else {
            throw new IllegalArgumentException("--model " + modelPath + " is a saved stage of another kind: " + metadata);
        }
        return new Scorer(model, sweep, uid);
    }

    private static boolean isRunDirectory(SparkSession spark, String uri) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(uri + "/checkpoint.zip");
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(p);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static Long[] boxed(long[] v) {
        Long[] out = new Long[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }
}
