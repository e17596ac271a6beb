package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept trial's network scored on the executors: the predictions reproduce its test accuracy, re-runs add nothing. */
class ScoreJobTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;
    static TrainResult trained;
    static Path run;

    @BeforeAll
    static void train() throws Exception {
        spark = ToySpark.start("score-test");
        ToySpark.writeToyIdx(tmp.resolve("fm"));
        run = tmp.resolve("results").resolve("models").resolve("toy").resolve("abc123");
        TrainConfig cfg = io.github.abasnn.train.TrainCli.parse("--width", "2", "--data-dir",
                tmp.resolve("fm").toString(), "--penalty-scale", "20", "--batch", "32", "--lr", "0.05",
                "--min-epochs", "1", "--out", run.toString());
        trained = new Trainer(cfg, false).run(false);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void predictionsReproduceTheTrialsAccuracyAndAReRunAddsNothing() throws Exception {
        ResultStore store = new ResultStore(spark, tmp.resolve("results").toUri().toString());
        for (int round = 0; round < 2; round++) {
            ScoreJob.Outcome o = ScoreJob.run(spark, run.toString(), "fashion-mnist", tmp.resolve("fm").toString(), 0, store,
                    "score");
            assertEquals("toy", o.sweep(), "a kept model is filed under its own sweep");
            assertEquals("abc123", o.trial());
            assertEquals(32, o.images());
            assertEquals(trained.testAccuracy(), o.accuracy(), 1e-12);
        }
        store.registerViews();
        Row counts = spark.sql("SELECT count(*), count(DISTINCT row_id), avg(CAST(label = prediction AS DOUBLE))"
                + " FROM predictions WHERE sweep = 'toy' AND trial_id = 'abc123'").first();
        assertEquals(32L, counts.getLong(0));
        assertEquals(32L, counts.getLong(1));
        assertEquals(trained.testAccuracy(), counts.getDouble(2), 1e-12);
        long support = spark.sql("SELECT sum(support) FROM class_metrics WHERE trial_id = 'abc123'").first()
                .getLong(0);
        assertEquals(32L, support);
    }

    @Test
    void aKeptNetworkOnHdfsScoresTheSame() throws Exception {
        try (io.github.abasnn.storage.MiniHdfs hdfs = new io.github.abasnn.storage.MiniHdfs(tmp.resolve("hdfs"))) {
            hdfs.put(run, hdfs.uri("/results/models/toy/abc123"));
            hdfs.put(tmp.resolve("fm"), hdfs.uri("/data/fm"));
            ScoreJob.Outcome o = ScoreJob.run(spark, hdfs.uri("/results/models/toy/abc123"), "fashion-mnist",
                    hdfs.uri("/data/fm"), 0, null, "score");
            assertEquals("toy", o.sweep());
            assertEquals("abc123", o.trial());
            assertEquals(trained.testAccuracy(), o.accuracy(), 1e-12);
        }
    }

    @Test
    void aPathThatIsNoModelIsNamed() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("nothing"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScoreJob.run(spark, empty.toString(), "fashion-mnist", tmp.resolve("fm").toString(), 0, null, "s"));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
    }
}
