package io.github.abasnn.jobs;

import io.github.abasnn.results.ResultStore;
import io.github.abasnn.results.SweepLease;
import io.github.abasnn.results.TrialFiles;
import io.github.abasnn.results.TrialRows;
import io.github.abasnn.sweep.StoppingRule;
import io.github.abasnn.sweep.SweepSpec;
import io.github.abasnn.sweep.TrialConfig;
import io.github.abasnn.sweep.TrialCurve;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs a sweep: every trial not yet finished (status ok) in the result tables is one Spark task (submitted as its own job, so trials run
 * in parallel across executors and each result is committed as soon as its task ends). A failed training becomes a
 * {@code failed} trial row with its reason; a task Spark retries produces the same trial id and replaces, never
 * duplicates, its rows.
 */
public final class SweepJob {
    private static final Logger LOG = LoggerFactory.getLogger(SweepJob.class);

    private SweepJob() {}

    /** Summary of one run of a sweep. */
    public record Outcome(int total, int skipped, int ok, int stopped, int failed) {}

    public static Outcome run(SparkSession spark, SweepSpec spec, int concurrency) throws Exception {
        return run(spark, spec, concurrency, false);
    }

    /**
     * Runs the sweep's trials that have no committed row yet; a trial that failed before runs again only with
     * {@code retryFailed} (a deterministic failure would fail again).
     */
    public static Outcome run(SparkSession spark, SweepSpec spec, int concurrency, boolean retryFailed)
            throws Exception {
        return run(spark, spec, concurrency, retryFailed, java.time.Duration.ZERO);
    }

    /**
     * As {@link #run(SparkSession, SweepSpec, int, boolean)}, holding the sweep's lease ({@link SweepLease}) while it
     * runs: a second driver of the same sweep waits up to {@code leaseWait}, then refuses naming the holder.
     */
    public static Outcome run(SparkSession spark, SweepSpec spec, int concurrency, boolean retryFailed,
                              java.time.Duration leaseWait) throws Exception {
        org.apache.hadoop.fs.FileSystem fs = new org.apache.hadoop.fs.Path(spec.results())
                .getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (SweepLease lease = SweepLease.acquire(fs, spec.results(), spec.name(), leaseWait)) {
            return runLeased(spark, spec, concurrency, retryFailed);
        }
    }

    private static Outcome runLeased(SparkSession spark, SweepSpec spec, int concurrency, boolean retryFailed)
            throws Exception {
        ResultStore store = new ResultStore(spark, spec.results());
        java.util.Map<String, String> before = store.statuses(spec.name());
        long failedBefore = before.values().stream().filter("failed"::equals).count();
        Set<String> done = new java.util.HashSet<>();
        before.forEach((id, status) -> {
            if (!retryFailed || !status.equals("failed")) {
                done.add(id);
            }
        });
        if (failedBefore > 0) {
            LOG.info("sweep {}: {} trials failed in an earlier run; {}", spec.name(), failedBefore,
                    retryFailed ? "running them again (--retry-failed)" : "skipped (--retry-failed runs them again)");
        }
        List<TrialConfig> all = spec.expand();
        List<TrialConfig> pending = all.stream().filter(t -> !done.contains(t.id())).toList();
        // a stopping rule compares against every finished trial: those of earlier runs and those finishing now
        List<TrialCurve> finished = java.util.Collections.synchronizedList(new ArrayList<>(
                spec.stopping() == null ? List.of() : store.curves(spec.name())));
        LOG.info("sweep {}: {} trials, {} already done, {} to run", spec.name(), all.size(), all.size() - pending.size(),
                pending.size());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrialFiles files = TrialFiles.of(spark, spec.results(), spec.name());
        int wanted = concurrency > 0 ? concurrency : ClusterSlots.of(spark.sparkContext());
        if (concurrency <= 0) {
            LOG.info("sweep {}: {} trials in flight ({})", spec.name(), wanted,
                    ClusterSlots.describe(spark.sparkContext()));
        }
        int slots = Math.max(1, Math.min(wanted, Math.max(1, pending.size())));
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        SweepProgress progress = new SweepProgress(pending.size(), slots);
        int ok = 0;
        int failed = 0;
        int stopped = 0;
        try {
            List<Future<TrialRows>> futures = new ArrayList<>();
            for (TrialConfig trial : pending) {
                futures.add(pool.submit(() -> {
                    jsc.setJobGroup("trial-" + trial.id(), "sweep " + spec.name() + " trial " + trial.id(), false);
                    String where = spec.workDir();
                    StoppingRule rule = spec.stopping() == null ? null : spec.stopping().against(List.copyOf(finished));
                    long start = System.nanoTime();
                    TrialRows rows;
                    try {
                        java.time.Duration limit = spec.trialTimeout();
                        rows = jsc.parallelize(List.of(trial), 1).map(t -> runTrial(t, Path.of(where), rule, files,
                                null, limit)).collect().get(0);
                    } catch (RuntimeException e) { // the task itself failed (executor lost, Spark gave up): record it
                        LOG.warn("trial {} failed outside training: {}", trial.id(), e.toString());
                        rows = TrialRows.failed(trial, trial.toTrainConfig(Path.of("unused"), Path.of(where), false),
                                "task failed: " + e, (System.nanoTime() - start) / 1e9);
                    }
                    if (!store.commit(spec.name(), rows)) {
                        LOG.warn("trial {} was committed by another driver meanwhile; its rows are kept", trial.id());
                    }
                    finished.add(rows.curve());
                    LOG.info(progress.finished(trial, rows));
                    return rows;
                }));
            }
            for (Future<TrialRows> f : futures) {
                TrialRows rows = f.get();
                String status = rows.trials().get(0).getString(
                        io.github.abasnn.results.ResultTables.TRIAL.fieldIndex("status"));
                switch (status) {
                    case "ok" -> ok++;
                    case "stopped" -> stopped++;
                    default -> failed++;
                }
            }
        } finally {
            pool.shutdown();
        }
        return new Outcome(all.size(), all.size() - pending.size(), ok, stopped, failed);
    }

    /** Runs on an executor: one training run in a scratch directory, turned into rows. */
    static TrialRows runTrial(TrialConfig trial, Path workDir, StoppingRule rule, TrialFiles files)
            throws IOException {
        return runTrial(trial, workDir, rule, files, null, null);
    }

    /**
     * Trains one trial in a scratch directory, its checkpoints saved to {@code files} after every epoch and restored
     * from there first, so a retried or re-run trial resumes where the last attempt's last epoch ended; a finished
     * trial's network is kept. {@code faultAfterEpoch} (tests) is thrown after the first epoch's checkpoint is saved,
     * standing for an error the trainer cannot catch.
     */
    static TrialRows runTrial(TrialConfig trial, Path workDir, StoppingRule rule, TrialFiles files,
                              Error faultAfterEpoch, java.time.Duration timeout) throws IOException {
        Path out = Files.createTempDirectory("aba-trial-" + trial.id());
        Path runDir = out.resolve("run");
        TrainConfig cfg = trial.toTrainConfig(runDir, workDir);
        long start = System.nanoTime();
        MDC.put("trial", trial.id() + " " + trial.label()); // the trainer's epoch lines name their trial
        try {
            String gpu = io.github.abasnn.results.TaskGpu.bind();
            LOG.info("trial {} on {}", trial.id(), gpu == null ? "the CPU (no GPU assigned to this task)"
                    : "GPU " + gpu + " (assigned by Spark)");
            boolean resume = files.restore(trial.id(), runDir);
            if (resume) {
                LOG.info("resuming trial {} from its checkpoint in {}", trial.id(), files.runDir(trial.id()));
            }
            Trainer trainer = new Trainer(cfg, false).onEpoch(m -> {
                files.saveCheckpoint(trial.id(), runDir);
                if (faultAfterEpoch != null) {
                    throw faultAfterEpoch;
                }
            });
            if (rule != null) {
                trainer.stopWhen(rule::shouldStop);
            }
            if (timeout != null) {
                trainer.deadline(java.time.Instant.now().plus(timeout));
            }
            TrainResult r = trainer.run(resume);
            files.keepModel(trial.id(), runDir);
            String reason = "stopped".equals(r.status()) && rule != null
                    ? "stopped by the " + rule.name() + " rule after epoch " + r.epochs().size() : null;
            return TrialRows.of(trial, r, (System.nanoTime() - start) / 1e9, reason);
        } catch (Throwable e) { // out of memory or a native crash too: a failed row, and the sweep goes on
            return TrialRows.failed(trial, cfg, e.toString(), (System.nanoTime() - start) / 1e9);
        } finally {
            MDC.remove("trial");
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
