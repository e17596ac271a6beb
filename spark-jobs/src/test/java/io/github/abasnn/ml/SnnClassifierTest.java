package io.github.abasnn.ml;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.jobs.ToySpark;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The estimator in a Pipeline on PNG files read by MLlib's image data source: fit, score, save, load, evaluate. */
class SnnClassifierTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static Dataset<Row> images;
    static PipelineModel fitted;

    @BeforeAll
    static void fit() throws Exception {
        spark = ToySpark.start("snn-classifier-test");
        Random rng = new Random(4);
        for (int i = 0; i < 96; i++) { // four classes: a bright band whose row depends on the class
            int label = i % 4;
            BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    int v = (y / 2 == label ? 200 : 20) + rng.nextInt(30);
                    img.getRaster().setSample(x, y, 0, v);
                }
            }
            Path dir = Files.createDirectories(tmp.resolve("png").resolve(String.valueOf(label)));
            ImageIO.write(img, "png", dir.resolve("img" + i + ".png").toFile());
        }
        images = spark.read().format("image").option("recursiveFileLookup", "true").load(tmp.resolve("png").toString())
                .withColumn("label", regexp_extract(col("image.origin"), "/png/(\\d)/", 1).cast("double"));
        SnnClassifier snn = new SnnClassifier().setNetwork("resnet20").setWidth(2).setEpochs(2).setBatch(16)
                .setPenaltyScale(20).setWorkers(2).setValidationFraction(0.25).setWorkDir(tmp.resolve("ml").toString());
        fitted = new Pipeline().setStages(new PipelineStage[] {snn}).fit(images);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void theFittedModelScoresEveryRowWithAProbabilityVector() {
        List<Row> scored = fitted.transform(images).select("label", "prediction", "probability").collectAsList();
        assertEquals(96, scored.size());
        for (Row r : scored) {
            Vector p = r.getAs(2);
            assertEquals(10, p.size());
            assertEquals(1.0, java.util.Arrays.stream(p.toArray()).sum(), 1e-4);
            assertEquals(p.argmax(), (int) r.getDouble(1));
        }
        SnnClassificationModel m = (SnnClassificationModel) fitted.stages()[0];
        assertArrayEquals(new int[] {1, 8, 8}, m.inputShape());
        assertEquals(2, io.github.abasnn.train.TrainConfig.fromJson(m.summary().get("train_config")).model().width(),
                m.summary().toString());
    }

    @Test
    void aSavedPipelineLoadsAndScoresTheSame() throws Exception {
        String path = tmp.resolve("saved-pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel back = PipelineModel.load(path);
        List<Row> a = fitted.transform(images).select("prediction").collectAsList();
        List<Row> b = back.transform(images).select("prediction").collectAsList();
        assertEquals(a, b);
        MulticlassClassificationEvaluator eval = new MulticlassClassificationEvaluator().setMetricName("accuracy");
        double acc = eval.evaluate(back.transform(images));
        long correct = back.transform(images).filter("prediction = label").count();
        assertEquals(correct / 96.0, acc, 1e-12);
        SnnClassifier estimator = (SnnClassifier) new Pipeline().setStages(new PipelineStage[] {
                new SnnClassifier().setWidth(3)}).getStages()[0];
        estimator.write().overwrite().save(tmp.resolve("estimator").toString());
        assertEquals(3, (int) SnnClassifier.load(tmp.resolve("estimator").toString()).getOrDefault(estimator.width()));
    }

    @Test
    void anImageOfTheWrongShapeIsNamed() throws Exception {
        BufferedImage big = new BufferedImage(9, 8, BufferedImage.TYPE_BYTE_GRAY);
        Path dir = Files.createDirectories(tmp.resolve("odd"));
        ImageIO.write(big, "png", dir.resolve("wide.png").toFile());
        Dataset<Row> odd = spark.read().format("image").load(dir.toString());
        Exception e = assertThrows(Exception.class, () -> fitted.transform(odd).collectAsList());
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IllegalArgumentException)) {
            root = root.getCause();
        }
        assertTrue(String.valueOf(root.getMessage()).contains("wide.png") && root.getMessage().contains("1x8x9"),
                String.valueOf(root.getMessage()));
    }

    @Test
    void badParamsAndLabelsAreRefusedBeforeTraining() {
        Dataset<Row> badLabels = images.withColumn("label", col("label").plus(20));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SnnClassifier()
                .setWidth(2).setWorkDir(tmp.resolve("bad").toString()).fit(badLabels));
        assertTrue(e.getMessage().contains("label 2") && e.getMessage().contains("[0, 10)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SnnClassifier().setNetwork("lenet"));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new SnnClassifier().setImageShape("28x28").fit(images));
        assertTrue(shape.getMessage().contains("imageShape '28x28'"), shape.getMessage());
        IllegalArgumentException column = assertThrows(IllegalArgumentException.class,
                () -> new SnnClassifier().setFeaturesCol("pixels").fit(images));
        assertTrue(column.getMessage().contains("'pixels'"), column.getMessage());
    }
}
