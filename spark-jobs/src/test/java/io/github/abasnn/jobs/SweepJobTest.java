package io.github.abasnn.jobs;

import io.github.abasnn.results.store.CommitSpool;
import io.github.abasnn.results.store.ResultTables;
import io.github.abasnn.results.store.TableAudit;
import io.github.abasnn.results.store.TrialFiles;
import io.github.abasnn.results.store.TrialRows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.report.SweepReport;
import io.github.abasnn.sweep.SweepSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small sweep in local[2]: every trial is a task, all three tables are written, a re-run adds nothing. */
class SweepJobTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        ToySpark.writeToyIdx(tmp.resolve("fm"));
        spark = ToySpark.start("sweep-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void sweepWritesAllTablesOnceAndQueriesWithSql() throws Exception {
        Path results = tmp.resolve("results");
        SweepSpec spec = ToySpark.tinySweep(tmp, "tiny", 1, "4/4/2");
        SweepJob.Outcome first = SweepJob.run(spark, spec, 2);
        assertEquals(new SweepJob.Outcome(2, 0, 2, 0, 0), first);

        ResultStore store = new ResultStore(spark, spec.results());
        store.registerViews();
        List<Row> trials = spark.sql("SELECT trial_id, uniform, bit_budget, status FROM trials WHERE sweep = 'tiny'"
                + " ORDER BY uniform").collectAsList();
        assertEquals(2, trials.size());
        assertTrue(!trials.get(0).getBoolean(1) && trials.get(1).getBoolean(1), "one learned, one uniform trial");
        assertEquals(32.0, trials.get(1).getDouble(2), 1e-9, "the uniform 4/4/2 baseline's bit budget");
        assertTrue(trials.stream().allMatch(r -> "ok".equals(r.getString(3))));
        assertEquals(2L, spark.sql("SELECT count(*) FROM epochs").first().getLong(0));
        assertEquals(44L, spark.sql("SELECT count(*) FROM layers").first().getLong(0), "22 quantized layers each");
        Row prov = spark.sql("SELECT code_version, data_checksum, backend, threads, host, spark_version, nd4j_version"
                + " FROM trials WHERE sweep = 'tiny' LIMIT 1").first();
        assertTrue(prov.getString(0).matches("\\S+ \\(commit [0-9a-f]{12}(, dirty)?\\)|\\S+ \\(commit unknown.*"),
                prov.getString(0));
        assertEquals(io.github.abasnn.data.DataChecksum.of(tmp.resolve("fm")), prov.getString(1));
        assertEquals("CpuBackend", prov.getString(2));
        assertTrue(prov.getString(3).startsWith("cores "), prov.getString(3));
        assertEquals("3.5.9", prov.getString(5));
        for (Row r : trials) {
            assertTrue(Files.isRegularFile(results.resolve("models/tiny/" + r.getString(0) + "/checkpoint.zip")),
                    "each trial's network is kept");
        }
        assertTrue(!Files.exists(results.resolve("_runs/tiny")) || Files.list(results.resolve("_runs/tiny"))
                .findAny().isEmpty(), "no checkpoints left behind by finished trials");

        SweepReport report = new SweepReport(spark, store, "tiny");
        List<Row> rows = Main.Report.print(report, "bit_budget");
        assertEquals(2, rows.size());
        List<String> cmp = SweepReport.describe(report.compare(rows, "bit_budget"));
        assertEquals(1, cmp.size(), "one seed, both arms");
        assertTrue(cmp.get(0).startsWith("seed 3407: uniform points dominated by a learned one "), cmp.get(0));
        org.apache.hadoop.fs.Path page = report.write(tmp.resolve("report").toUri().toString());
        String html = Files.readString(Path.of(page.toUri()));
        String chosen = report.chosenTrial();
        List<String> figures = List.of("pareto-bit_budget", "pareto-energy_pj", "pareto-s_ace_g",
                "allocation-weight-bits", "allocation-spike-bits", "allocation-time-steps", "energy-" + chosen,
                "layer-bits-" + chosen, "curve-accuracy", "curve-bit-budget");
        assertEquals(figures, List.copyOf(report.figures().keySet()));
        assertEquals(figures.size(), html.split("data:image/png;base64,").length - 1, "every figure on the page");
        try (var files = Files.list(tmp.resolve("report"))) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".crc")).toList(),
                    "no Hadoop checksum files beside a local report");
        }
        assertTrue(html.contains("<ul class=\"cmp\"><li>seed 3407: "), "the comparison as wrapped lines");
        assertTrue(html.contains("accuracy vs energy per image (µJ)"), "energy in µJ");
        for (String f : figures) {
            assertTrue(Files.size(tmp.resolve("report/tiny-" + f + ".png")) > 1000, f);
        }
        for (String cost : List.of("bit_budget", "s_ace_g", "energy_pj")) {
            assertTrue(Files.size(tmp.resolve("report/tiny-pareto-" + cost + ".png")) > 1000, cost);
            List<String> csv = Files.readAllLines(tmp.resolve("report/tiny-pareto-" + cost + ".csv"));
            assertEquals(3, csv.size(), cost);
            assertTrue(csv.get(0).startsWith("trial_id,seed,uniform,init,target,test_accuracy"), csv.get(0));
        }

        SweepJob.Outcome again = SweepJob.run(spark, spec, 2);
        assertEquals(new SweepJob.Outcome(2, 2, 0, 0, 0), again);
        store.registerViews();
        assertEquals(2L, spark.sql("SELECT count(*) FROM trials").first().getLong(0), "a re-run adds no rows");
    }

    @Test
    void anInterruptedTrialIsAFailedRowAndResumesExactlyOnTheNextRun() throws Exception {
        io.github.abasnn.sweep.TrialConfig trial = io.github.abasnn.sweep.TrialConfig.of(java.util.Map.of(
                "network", "resnet20", "width", "2", "dataset", "fashion-mnist", "data-dir",
                tmp.resolve("fm").toString(), "epochs", "2", "batch", "32", "penalty-scale", "20"));
        int status = ResultTables.TRIAL.fieldIndex("status");
        int accuracy = ResultTables.TRIAL.fieldIndex("test_accuracy");
        TrialFiles straightFiles = TrialFiles.of(spark,
                tmp.resolve("straight").toUri().toString(), "s");
        TrialRows straight = SweepJob.runTrial(trial, tmp, null, straightFiles);

        TrialFiles files = TrialFiles.of(spark,
                tmp.resolve("interrupted").toUri().toString(), "s");
        TrialRows failed = SweepJob.runTrial(trial, tmp, null, files,
                new OutOfMemoryError("simulated: Java heap space"), null);
        Row t = failed.trials().get(0);
        assertEquals("failed", t.getString(status));
        assertTrue(t.getString(ResultTables.TRIAL.fieldIndex("failure_reason"))
                .contains("OutOfMemoryError: simulated"));
        assertTrue(files.hasCheckpoint(trial.id()), "epoch 1's checkpoint outlives the attempt");

        TrialRows resumed = SweepJob.runTrial(trial, tmp, null, files);
        assertEquals("ok", resumed.trials().get(0).getString(status),
                () -> resumed.trials().get(0).getString(ResultTables.TRIAL.fieldIndex("failure_reason")));
        int attempt = ResultTables.TRIAL.fieldIndex("attempt");
        assertEquals(1, failed.trials().get(0).getInt(attempt));
        assertEquals(2, resumed.trials().get(0).getInt(attempt), "the resumed run is the second attempt");
        assertEquals(2, files.attempts(trial.id()), "the count is kept beside the network");
        assertEquals(straight.trials().get(0).getDouble(accuracy), resumed.trials().get(0).getDouble(accuracy));
        assertEquals(2, resumed.epochs().size(), "two epochs, the first from the interrupted attempt");
        assertEquals(straight.epochs().get(1).getDouble(1), resumed.epochs().get(1).getDouble(1), "epoch 2's loss");
        assertTrue(files.hasCheckpoint(trial.id()), "checkpoints stay until the trial's rows are durable");
        // a driver that died after the run finished but before its rows landed: the run is not trained again
        TrialRows again = SweepJob.runTrial(trial, tmp, null, files);
        assertEquals("ok", again.trials().get(0).getString(status),
                () -> again.trials().get(0).getString(ResultTables.TRIAL.fieldIndex("failure_reason")));
        assertEquals(resumed.epochs(), again.epochs(), "the finished run's epochs, timings included, not new ones");
        assertEquals(resumed.trials().get(0).getDouble(accuracy), again.trials().get(0).getDouble(accuracy));
        files.dropCheckpoints(trial.id());
        assertTrue(!files.hasCheckpoint(trial.id()), "checkpoints dropped once the rows are durable");

        TrialRows late = SweepJob.runTrial(trial, tmp, null, io.github.abasnn.results.store
                .TrialFiles.of(spark, tmp.resolve("late").toUri().toString(), "s"), null, java.time.Duration.ZERO);
        assertEquals("failed", late.trials().get(0).getString(status));
        assertTrue(late.trials().get(0).getString(ResultTables.TRIAL.fieldIndex(
                "failure_reason")).contains("timed out"));
        Path model = Path.of(files.modelDir(trial.id()).toUri());
        assertTrue(Files.isRegularFile(model.resolve("result.json")));
        assertEquals(straight.layers().size(), io.github.abasnn.nn.SpikingGraph.layers(
                io.github.abasnn.train.Checkpoints.load(model).graph()).size(), "the kept network loads");
    }

    @Test
    void aStoppedTrialNamesItsRuleAndEpoch() throws Exception {
        io.github.abasnn.sweep.TrialConfig trial = io.github.abasnn.sweep.TrialConfig.of(java.util.Map.of(
                "network", "resnet20", "width", "2", "dataset", "fashion-mnist", "data-dir",
                tmp.resolve("fm").toString(), "epochs", "2", "batch", "32"));
        io.github.abasnn.sweep.StoppingRule rule = new io.github.abasnn.sweep.MedianStopping(1, 1, List.of())
                .against(List.of(new io.github.abasnn.sweep.TrialCurve(new double[] {1, 1}, new double[] {4, 4})));
        Row t = SweepJob.runTrial(trial, tmp, rule, TrialFiles.of(spark,
                tmp.resolve("stopped").toUri().toString(), "s")).trials().get(0);
        assertEquals("stopped", t.getString(ResultTables.TRIAL.fieldIndex("status")));
        assertEquals("stopped by the median rule after epoch 1",
                t.getString(ResultTables.TRIAL.fieldIndex("failure_reason")));
    }

    private static long count(String sql) {
        return spark.sql(sql).first().getLong(0);
    }

    @Test
    void finishedTrialsOfAnotherBuildAreKeptUnlessReRunOnCodeChange() throws Exception {
        SweepSpec spec = ToySpark.tinySweep(tmp, "code", 1, "4/4/2");
        SweepJob.Options options = SweepJob.Options.defaults().concurrency(2);
        assertEquals(new SweepJob.Outcome(2, 0, 2, 0, 0), SweepJob.run(spark, spec, options));
        io.delta.tables.DeltaTable.forPath(spark, spec.results() + "/trials").update(
                org.apache.spark.sql.functions.expr("sweep = 'code'"),
                java.util.Map.of("code_version", org.apache.spark.sql.functions.lit("0.0.9 (commit 0123456789ab)")));

        assertEquals(new SweepJob.Outcome(2, 2, 0, 0, 0, 2, 0, 0), SweepJob.run(spark, spec, options),
                "said, and kept");
        SweepJob.Options rerun = new SweepJob.Options(2, false, true, java.time.Duration.ZERO, options.spoolRoot());
        assertEquals(new SweepJob.Outcome(2, 0, 2, 0, 0, 0, 0, 0), SweepJob.run(spark, spec, rerun));
        new ResultStore(spark, spec.results()).registerViews();
        assertEquals(2L, count("SELECT count(*) FROM trials WHERE sweep = 'code'"), "replaced, not added");
        assertEquals(0L, count("SELECT count(*) FROM trials WHERE sweep = 'code' AND code_version LIKE '0.0.9%'"));
        assertEquals(2L, count("SELECT count(*) FROM trials WHERE sweep = 'code' AND attempt = 2"),
                "the re-run is each trial's second attempt");
        assertEquals(2L, count("SELECT count(*) FROM epochs WHERE sweep = 'code'"));
    }

    @Test
    void rowsThatCannotBeCommittedWaitInTheSpoolAndLandOnTheNextRun() throws Exception {
        SweepSpec spec = ToySpark.tinySweep(tmp, "spool", 1, "4/4/2");
        SweepJob.Options options = new SweepJob.Options(2, false, false, java.time.Duration.ZERO,
                tmp.resolve("spool-root"));
        SweepJob.beforeCommit = id -> {
            throw new IllegalStateException("simulated: store unreachable");
        };
        try {
            SweepJob.Outcome down = SweepJob.run(spark, spec, options);
            assertEquals(2, down.spooled(), down.toString());
        } finally {
            SweepJob.beforeCommit = id -> {};
        }
        CommitSpool spool = CommitSpool.of(options.spoolRoot(),
                spec.results(), "spool");
        assertEquals(2, spool.pending().size(), "both trials' rows kept on the driver's disk");
        assertTrue(new ResultStore(spark, spec.results()).storedTrials("spool").isEmpty());

        SweepJob.Outcome next = SweepJob.run(spark, spec, options);
        assertEquals(new SweepJob.Outcome(2, 2, 0, 0, 0, 0, 2, 0), next, "committed from the spool, not retrained");
        assertTrue(spool.pending().isEmpty());
        new ResultStore(spark, spec.results()).registerViews();
        assertEquals(2L, count("SELECT count(*) FROM trials WHERE sweep = 'spool' AND status = 'ok'"));
        assertEquals(44L, count("SELECT count(*) FROM layers WHERE sweep = 'spool'"));
    }

    @Test
    void aTrialStoredUnderAnEarlierIdSchemeIsRecognisedByItsOptions() throws Exception {
        SweepSpec spec = ToySpark.tinySweep(tmp, "legacy", 1, "4/4/2");
        List<io.github.abasnn.sweep.TrialConfig> trials = spec.expand();
        ResultStore store = new ResultStore(spark, spec.results());
        io.github.abasnn.sweep.TrialConfig old = trials.get(0).withId("0123456789abcdef");
        TrialRows rows = SweepJob.runTrial(old, tmp, null,
                TrialFiles.of(spark, spec.results(), "legacy"));
        assertTrue(store.commit("legacy", rows));

        SweepJob.Outcome o = SweepJob.run(spark, spec, SweepJob.Options.defaults().concurrency(2));
        assertEquals(new SweepJob.Outcome(2, 1, 1, 0, 0), o, "only the other trial trains");
        store.registerViews();
        assertEquals(2L, count("SELECT count(*) FROM trials WHERE sweep = 'legacy'"));
    }

    @Test
    void aTrialWithACorruptOrDuplicatedTableFileIsFoundAndTrainedAgain() throws Exception {
        SweepSpec spec = ToySpark.tinySweep(tmp, "audit", 1, "4/4/2");
        SweepJob.Options options = SweepJob.Options.defaults().concurrency(2);
        SweepJob.run(spark, spec, options);
        ResultStore store = new ResultStore(spark, spec.results());
        List<TableAudit.TrialCheck> checks =
                TableAudit.of(spark, store, "audit");
        assertEquals(2, checks.size());
        assertTrue(checks.stream().allMatch(TableAudit.TrialCheck::complete),
                checks.toString());

        String corrupt = checks.get(0).trialId();
        Path layers = tmp.resolve("results/layers/sweep=audit/trial_id=" + corrupt);
        try (var files = Files.list(layers)) {
            Path file = files.filter(f -> f.toString().endsWith(".parquet")).findFirst().orElseThrow();
            Files.write(file, new byte[] {'P', 'A', 'R', '1', 0, 0, 0, 0}); // a torn write
        }
        String doubled = checks.get(1).trialId();
        store.registerViews();
        spark.sql("SELECT * FROM epochs WHERE sweep = 'audit' AND trial_id = '" + doubled + "'")
                .select(ResultTables.EPOCH.fieldNames()[0],
                        java.util.Arrays.copyOfRange(ResultTables.EPOCH.fieldNames(), 1,
                                ResultTables.EPOCH.fieldNames().length))
                .withColumn("sweep", org.apache.spark.sql.functions.lit("audit"))
                .withColumn("trial_id", org.apache.spark.sql.functions.lit(doubled))
                .write().format("delta").mode("append").save(spec.results() + "/epochs");
        java.util.Map<String, TableAudit.TrialCheck> found = new java.util.HashMap<>();
        TableAudit.of(spark, store, "audit").forEach(c -> found.put(c.trialId(), c));
        assertEquals(22, found.get(corrupt).lost(), "the 22 layers rows of the torn file");
        assertEquals(1, found.get(doubled).duplicated(), "one epoch row twice");

        assertEquals(new SweepJob.Outcome(2, 0, 2, 0, 0), SweepJob.run(spark, spec, options),
                "both trained again, their rows replaced");
        List<TableAudit.TrialCheck> after =
                TableAudit.of(spark, store, "audit");
        assertTrue(after.stream().allMatch(TableAudit.TrialCheck::complete), after.toString());
    }
}
