package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.distributed.DataParallel;
import io.github.abasnn.distributed.SyncTiming;
import io.github.abasnn.results.store.ResultStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data-parallel training in local[2] through parameter averaging: it learns, its bit loss acts, it lands in SQL. */
class TrainJobTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        ToySpark.writeToyIdx(tmp.resolve("fm"));
        spark = ToySpark.start("train-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<String> trainer(String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--network", "resnet20", "--width", "2", "--dataset",
                "fashion-mnist", "--data-dir", tmp.resolve("fm").toString(), "--epochs", "2", "--batch", "8",
                "--out", tmp.resolve(out).toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void averagingTrainsAcrossWorkersAndCommitsOneTrial() throws Exception {
        ResultStore store = new ResultStore(spark, tmp.resolve("results").toUri().toString());
        DataParallel parallel = new DataParallel("averaging", 2, 2, 1e-3, 40123);
        TrainJob.Outcome o = TrainJob.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                trainer("run", "--target", "2/2/1", "--penalty-scale", "60"), parallel, store,
                "dp", false, tmp);

        assertEquals(2, o.result().epochs().size());
        double w = o.result().cost().weightBitsAvg();
        double s = o.result().cost().spikeBitsAvg();
        assertTrue(w < 4 || s < 4, "the bit loss never reached the workers: W/S " + w + "/" + s);
        assertTrue(o.result().epochs().get(1).trainLoss() < o.result().epochs().get(0).trainLoss(),
                "the averaged network did not learn: " + o.result().epochs());
        assertEquals(2, o.timings().size());
        for (SyncTiming t : o.timings()) {
            assertEquals(8, t.steps());
            assertTrue(t.computeMs() > 0 && t.syncShare() >= 0 && t.syncShare() < 1, t.toString());
        }
        assertTrue(Files.exists(tmp.resolve("run").resolve("sync.json")));

        store.registerViews();
        List<Row> rows = spark.sql("SELECT t.trial_id, count(e.epoch) FROM trials t JOIN epochs e"
                + " ON t.sweep = e.sweep AND t.trial_id = e.trial_id WHERE t.sweep = 'dp' GROUP BY t.trial_id")
                .collectAsList();
        assertEquals(1, rows.size());
        assertEquals(o.trialId(), rows.get(0).getString(0));
        assertEquals(2L, rows.get(0).getLong(1));
    }

    @Test
    void aBadTrainerOptionFailsBeforeAnyTraining() {
        DataParallel parallel = new DataParallel("averaging", 2, 2, 1e-3, 40123);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainJob.run(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), trainer("bad", "--target", "9/2/1"),
                parallel, null, "dp", false, tmp));
        assertTrue(e.getMessage().contains("9"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("bad")), "nothing written for a rejected run");
        assertThrows(IllegalArgumentException.class, () -> new DataParallel("ring", 2, 2, 1e-3, 1));
        e = assertThrows(IllegalArgumentException.class, () -> TrainJob.run(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), trainer("gpu", "--device", "gpu"),
                parallel, null, "dp", false, tmp));
        assertTrue(e.getMessage().startsWith("--device gpu: the data-parallel train job"), e.getMessage());
        assertTrue(!Files.exists(tmp.resolve("gpu")));
    }

    @Test
    void relativeDataDirectoriesAreResolvedWhereTheJobWasSubmitted() {
        Path work = Path.of("/work/x");
        assertEquals("/work/x/data/mnist", TrainJob.absoluteDataDir(java.util.Map.of("dataset", "mnist"), work));
        assertEquals("/work/x/d", TrainJob.absoluteDataDir(java.util.Map.of("data-dir", "d"), work));
        assertEquals("hdfs://nn/data/mnist", TrainJob.absoluteDataDir(java.util.Map.of("data-dir",
                "hdfs://nn/data/mnist"), work), "a URI is absolute already");
    }
}
