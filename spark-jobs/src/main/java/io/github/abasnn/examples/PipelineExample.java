package io.github.abasnn.examples;

import io.github.abasnn.results.store.DeltaSessions;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;

import io.github.abasnn.ml.SnnClassificationModel;
import io.github.abasnn.ml.SnnClassifier;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Fits a {@code Pipeline} with {@link SnnClassifier} on image files ({@code <dir>/<label>/<file>}) read by MLlib's
 * image data source, saves and reloads it, scores the test images and evaluates them:
 * {@code submit/spark/pipeline-example.sh TRAIN_DIR TEST_DIR OUT_DIR [EPOCHS]}.
 */
public final class PipelineExample {
    private PipelineExample() {}

    static Dataset<Row> images(SparkSession spark, String dir) {
        return spark.read().format("image").option("recursiveFileLookup", "true").load(dir)
                .withColumn("label", regexp_extract(col("image.origin"), "/(\\d+)/[^/]+$", 1).cast("double"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: PipelineExample TRAIN_DIR TEST_DIR OUT_DIR [EPOCHS]");
            System.exit(2);
        }
        try (SparkSession spark = DeltaSessions.configure(SparkSession.builder())
                .appName("snn pipeline example").getOrCreate()) {
            Dataset<Row> train = images(spark, args[0]);
            Dataset<Row> test = images(spark, args[1]);

            SnnClassifier snn = new SnnClassifier()        // every trainer option is a Param, same name and default
                    .setNetwork("resnet20").setWidth(8)
                    .setTarget("2/2/1").setPenaltyScale(50)
                    .setEpochs(args.length > 3 ? Integer.parseInt(args[3]) : 1)
                    .setWorkers(2)                         // data-parallel: parameter averaging on 2 workers
                    .setWorkDir(args[2] + "/work");
            PipelineModel model = new Pipeline().setStages(new PipelineStage[] {snn}).fit(train);

            model.write().overwrite().save(args[2] + "/pipeline");
            PipelineModel loaded = PipelineModel.load(args[2] + "/pipeline");

            Dataset<Row> scored = loaded.transform(test);  // adds prediction and probability
            scored.select("image.origin", "label", "prediction").show(5, false);
            double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(scored);
            SnnClassificationModel snnModel = (SnnClassificationModel) loaded.stages()[0];
            System.out.printf("test accuracy %.2f%% on %d images; learned W/S/T %s, bit budget %s%n",
                    100 * accuracy, scored.count(), snnModel.summary().get("wst"), snnModel.summary().get("bit_budget"));
        }
    }
}
