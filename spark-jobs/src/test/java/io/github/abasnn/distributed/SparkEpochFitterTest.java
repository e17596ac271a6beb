package io.github.abasnn.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.jobs.ToySpark;
import io.github.abasnn.train.TrainCli;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both modes fit every batch of an epoch exactly once and hand the trained network back; averaging on one worker is
 * the single-machine trainer, and an epoch whose worker fails ends as if it had not.
 */
class SparkEpochFitterTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        ToySpark.writeToyIdx(tmp.resolve("fm"));
        spark = ToySpark.start("fitter-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static List<String> trainer(String out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--network", "resnet20", "--width", "2", "--data-dir",
                tmp.resolve("fm").toString(), "--epochs", "2", "--batch", "8", "--target", "2/2/1",
                "--penalty-scale", "30", "--out", tmp.resolve(out).toString()));
        args.addAll(List.of(extra));
        return args;
    }

    @Test
    void oneWorkerAveragingTrainsExactlyAsTheSingleMachineTrainer() throws Exception {
        String[] local = trainer("local").toArray(String[]::new);
        TrainResult alone = new Trainer(TrainCli.parse(local), false).run(false);
        String[] dp = trainer("one-worker").toArray(String[]::new);
        TrainResult averaged = new Trainer(TrainCli.parse(dp), false).fitter(new SparkEpochFitter(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), TrainCli.parse(dp),
                new DataParallel("averaging", 1, 3, 1e-3, 40123))).run(false);
        for (int e = 0; e < 2; e++) {
            assertEquals(alone.epochs().get(e).trainLoss(), averaged.epochs().get(e).trainLoss(), 0, "epoch " + e);
            assertEquals(alone.epochs().get(e).weightBits(), averaged.epochs().get(e).weightBits(), 0, "epoch " + e);
        }
        assertEquals(alone.testAccuracy(), averaged.testAccuracy(), 0);
    }

    /** Fails the first fit it sees in this JVM, as a lost executor would fail its task. */
    static final class FailOnce extends org.deeplearning4j.optimize.api.BaseTrainingListener
            implements java.io.Serializable {
        static final java.util.concurrent.atomic.AtomicBoolean FAILED = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
            if (FAILED.compareAndSet(false, true)) {
                throw new IllegalStateException("a worker lost mid-epoch");
            }
        }
    }

    @Test
    void anEpochWhoseWorkerFailsIsRunAgainFromItsStartAndEndsAsIfNothingFailed() throws Exception {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        DataParallel two = new DataParallel("averaging", 2, 2, 1e-3, 40123);
        String[] straight = trainer("straight").toArray(String[]::new);
        TrainResult expected = new Trainer(TrainCli.parse(straight), false).fitter(new SparkEpochFitter(jsc,
                TrainCli.parse(straight), two)).run(false);
        String[] failing = trainer("failing").toArray(String[]::new);
        FailOnce.FAILED.set(false);
        SparkEpochFitter fitter = new SparkEpochFitter(jsc, TrainCli.parse(failing), two).withWorkerListener(new FailOnce());
        TrainResult got = new Trainer(TrainCli.parse(failing), false).fitter(fitter).run(false);
        assertTrue(FailOnce.FAILED.get(), "the listener never ran on a worker");
        for (int e = 0; e < 2; e++) {
            assertEquals(expected.epochs().get(e).trainLoss(), got.epochs().get(e).trainLoss(), 0, "epoch " + e);
        }
        assertEquals(expected.testAccuracy(), got.testAccuracy(), 0);
    }

    private static SparkEpochFitter fit(String mode, String out, String... trainer) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("--network", "resnet20", "--width", "2", "--data-dir",
                tmp.resolve("fm").toString(), "--epochs", "1", "--batch", "8", "--out", tmp.resolve(out).toString()));
        args.addAll(List.of(trainer));
        String[] a = args.toArray(String[]::new);
        SparkEpochFitter fitter = new SparkEpochFitter(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                TrainCli.parse(a), new DataParallel(mode, 2, 1, 1e-3, 40123)).withWorkerListener(new CountingListener());
        CountingListener.FITS.set(0);
        TrainResult r = new Trainer(TrainCli.parse(a), false).fitter(fitter).run(false);
        assertEquals(1, r.epochs().size());
        return fitter;
    }

    @Test
    void parameterAveragingFitsEachBatchOnce() throws Exception {
        SparkEpochFitter fitter = fit("averaging", "avg", "--uniform");
        assertEquals(8, CountingListener.FITS.get(), "64 images in batches of 8");
        SyncTiming t = fitter.timings().get(0);
        assertEquals(8, t.steps());
        assertTrue(t.wallMs() > 0 && t.computeMs() > 0, t.toString());
    }

    @Test
    void gradientSharingFitsEachBatchOnceAndMovesTheDriversNetwork() throws Exception {
        // the fitter itself fails when a master hands back an unchanged network
        SparkEpochFitter fitter = fit("sharing", "share");
        assertEquals(8, CountingListener.FITS.get(), "64 images in batches of 8");
        assertEquals(8, fitter.timings().get(0).steps());
    }
}
