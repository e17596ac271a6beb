package io.github.abasnn.jobs;

import io.github.abasnn.results.store.ResultWriter;
import io.github.abasnn.results.store.StoredTrial;
import io.github.abasnn.results.store.CommitSpool;
import io.github.abasnn.results.store.GroupCommit;
import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.SweepLease;
import io.github.abasnn.results.store.TableAudit;
import io.github.abasnn.results.store.TrialFiles;
import io.github.abasnn.results.store.TrialRows;
import io.github.abasnn.sweep.StoppingRule;
import io.github.abasnn.sweep.SweepSpec;
import io.github.abasnn.sweep.TrialConfig;
import io.github.abasnn.sweep.TrialCurve;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrialStatus;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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

    /**
     * Summary of one run of a sweep: trials in it, finished earlier (skipped), and how this run's ended;
     * {@code otherCode} finished trials were trained by another build (kept unless re-run), {@code recovered} were
     * committed from the spool of an earlier run, {@code spooled} could not be committed and wait in the spool.
     */
    public record Outcome(int total, int skipped, int ok, int stopped, int failed, int otherCode, int recovered,
                          int spooled) {
        public Outcome(int total, int skipped, int ok, int stopped, int failed) {
            this(total, skipped, ok, stopped, failed, 0, 0, 0);
        }
    }

    /**
     * How to run a sweep.
     *
     * @param concurrency       trials in flight (0: one per task slot of the cluster)
     * @param retryFailed       run trials that failed in an earlier run again (a deterministic failure would fail
     *                          again, so not by default)
     * @param rerunOnCodeChange run finished trials again when another build trained them
     * @param leaseWait         how long a second driver of the sweep waits for the lease before refusing
     * @param spoolRoot         where rows whose commit failed are kept ({@link CommitSpool})
     */
    public record Options(int concurrency, boolean retryFailed, boolean rerunOnCodeChange,
                          java.time.Duration leaseWait, Path spoolRoot) {
        public static Options defaults() {
            return new Options(0, false, false, java.time.Duration.ZERO, CommitSpool.defaultRoot());
        }

        public Options concurrency(int n) {
            return new Options(n, retryFailed, rerunOnCodeChange, leaseWait, spoolRoot);
        }
    }

    /** Commits of a trial's rows tried before they are spooled. */
    static final int COMMIT_TRIES = 3;
    /** Tests: runs before each commit of a trial (throwing stands for a store that cannot be written). */
    static volatile java.util.function.Consumer<String> beforeCommit = id -> {};

    public static Outcome run(SparkSession spark, SweepSpec spec, int concurrency) throws Exception {
        return run(spark, spec, Options.defaults().concurrency(concurrency));
    }

    /**
     * Runs the sweep's trials that have no committed row yet, holding the sweep's lease ({@link SweepLease}) while
     * it runs: a second driver of the same sweep waits up to {@code leaseWait}, then refuses naming the holder.
     */
    public static Outcome run(SparkSession spark, SweepSpec spec, Options options) throws Exception {
        org.apache.hadoop.fs.FileSystem fs = new org.apache.hadoop.fs.Path(spec.results())
                .getFileSystem(spark.sparkContext().hadoopConfiguration());
        try (SweepLease lease = SweepLease.acquire(fs, spec.results(), spec.name(), options.leaseWait())) {
            return runLeased(spark, spec, options);
        }
    }

    private static Outcome runLeased(SparkSession spark, SweepSpec spec, Options options) throws Exception {
        ResultStore store = new ResultStore(spark, spec.results());
        CommitSpool spool = CommitSpool.of(options.spoolRoot(), spec.results(), spec.name());
        List<CommitSpool.Spooled> kept = spool.pending(); // trained in an earlier run whose commit failed
        int recovered = kept.size();
        if (!kept.isEmpty()) {
            store.commit(spec.name(), kept.stream().map(s -> new ResultWriter.Commit(s.rows(), stored -> false))
                    .toList());
            for (CommitSpool.Spooled s : kept) {
                spool.done(s);
                LOG.info("sweep {}: trial {} committed from the spool of an earlier run ({})", spec.name(),
                        s.rows().trialId(), s.file());
            }
        }
        List<TrialConfig> all = spec.expand();
        java.util.Map<String, StoredTrial> stored = committed(store, spec);
        // a finished trial whose rows are incomplete (a lost or corrupt table file) is trained again: its commit
        // replaces every table's rows of it
        java.util.Set<String> incomplete = new java.util.HashSet<>();
        for (TableAudit.TrialCheck c : TableAudit.of(spark, store, spec.name())) {
            if (!c.complete()) {
                incomplete.add(c.trialId());
                LOG.warn("sweep {}: trial {} has {} rows missing and {} duplicated in the result tables (a lost or"
                        + " corrupt table file); training it again", spec.name(), c.trialId(), c.lost(), c.duplicated());
            }
        }
        String code = io.github.abasnn.train.BuildInfo.current().describe();
        List<TrialConfig> pending = new ArrayList<>();
        int failedBefore = 0;
        int otherCode = 0;
        for (TrialConfig trial : all) {
            StoredTrial s = stored.get(trial.id());
            TrialConfig t = s == null ? trial : trial.withId(s.trialId());
            if (s == null) {
                pending.add(t);
            } else if (incomplete.contains(s.trialId())) {
                pending.add(t);
            } else if (s.status() == TrialStatus.FAILED) {
                failedBefore++;
                if (options.retryFailed()) {
                    pending.add(t);
                }
            } else if (!code.equals(s.codeVersion())) {
                otherCode++;
                if (options.rerunOnCodeChange()) {
                    pending.add(t);
                }
            }
        }
        if (failedBefore > 0) {
            LOG.info("sweep {}: {} trials failed in an earlier run; {}", spec.name(), failedBefore,
                    options.retryFailed() ? "running them again (--retry-failed)"
                            : "skipped (--retry-failed runs them again)");
        }
        if (otherCode > 0) {
            LOG.warn("sweep {}: {} finished trials were trained by another build than this one ({}); {}", spec.name(),
                    otherCode, code, options.rerunOnCodeChange() ? "training them again (--rerun-on-code-change)"
                            : "kept (--rerun-on-code-change trains them again)");
        }
        // a stopping rule compares against every finished trial: those of earlier runs and those finishing now
        List<TrialCurve> finished = java.util.Collections.synchronizedList(new ArrayList<>(
                spec.stopping() == null ? List.of() : store.curves(spec.name())));
        LOG.info("sweep {}: {} trials, {} already done, {} to run", spec.name(), all.size(), all.size() - pending.size(),
                pending.size());
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        TrialFiles files = TrialFiles.of(spark, spec.results(), spec.name());
        int wanted = options.concurrency() > 0 ? options.concurrency() : ClusterSlots.of(spark.sparkContext());
        if (options.concurrency() <= 0) {
            LOG.info("sweep {}: {} trials in flight ({})", spec.name(), wanted,
                    ClusterSlots.describe(spark.sparkContext()));
        }
        int slots = Math.max(1, Math.min(wanted, Math.max(1, pending.size())));
        ExecutorService pool = Executors.newFixedThreadPool(slots);
        SweepProgress progress = new SweepProgress(pending.size(), slots);
        int ok = 0;
        int failed = 0;
        int stopped = 0;
        java.util.concurrent.atomic.AtomicInteger spooled = new java.util.concurrent.atomic.AtomicInteger();
        GroupCommit<ResultWriter.Commit, Boolean> commits =
                new GroupCommit<>(group -> commitOrSpool(store, spool, spec.name(), group));
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
                                "task failed: " + e, (System.nanoTime() - start) / 1e9,
                                Math.max(1, files.attempts(trial.id())));
                    }
                    java.util.function.Predicate<StoredTrial> replace = incomplete.contains(trial.id())
                            ? row -> true
                            : row -> options.rerunOnCodeChange() && !code.equals(row.codeVersion());
                    if (!commits.submit(new ResultWriter.Commit(rows, replace))) {
                        spooled.incrementAndGet();
                    }
                    if (rows.status() != TrialStatus.FAILED) { // its rows are durable: committed or spooled
                        files.dropCheckpoints(trial.id());
                    }
                    finished.add(rows.curve());
                    LOG.info(progress.finished(trial, rows));
                    return rows;
                }));
            }
            for (Future<TrialRows> f : futures) {
                switch (f.get().status()) {
                    case OK -> ok++;
                    case STOPPED -> stopped++;
                    case FAILED -> failed++;
                }
            }
        } finally {
            pool.shutdown();
        }
        return new Outcome(all.size(), all.size() - pending.size(), ok, stopped, failed,
                options.rerunOnCodeChange() ? 0 : otherCode, recovered, spooled.get());
    }

    /**
     * The committed trials of {@code spec}'s sweep by identity: a row recorded under an id of an earlier scheme is
     * recognised by its options and data checksum.
     */
    public static java.util.Map<String, StoredTrial> committed(ResultStore store, SweepSpec spec) {
        java.util.Map<String, StoredTrial> stored = new java.util.HashMap<>();
        for (StoredTrial t : store.storedTrials(spec.name())) {
            stored.put(identity(t, Path.of(spec.workDir())), t);
        }
        return stored;
    }

    /** The identity of a committed trial: its id, or for a row of an earlier id scheme the id its options give. */
    private static String identity(StoredTrial t, Path workDir) {
        try {
            java.util.Map<String, String> options = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                    t.configJson(), new com.fasterxml.jackson.core.type.TypeReference<java.util.TreeMap<String,
                            String>>() {});
            // a row from before checksums were recorded is taken to be on the data as it is now
            return t.dataChecksum() == null ? TrialConfig.of(options, workDir).id()
                    : TrialConfig.withChecksum(options, workDir, t.dataChecksum()).id();
        } catch (java.io.IOException | RuntimeException e) {
            return t.trialId(); // options this build no longer parses: only its own id can match it
        }
    }

    /**
     * Commits a group of trials' rows ({@link GroupCommit}: trials that finish while another group is committed go
     * together), trying {@link #COMMIT_TRIES} times; when the store cannot be written the rows are kept in the spool
     * for the next run. Returns, per trial, whether its rows reached the store (or another driver's did).
     */
    static List<Boolean> commitOrSpool(ResultStore store, CommitSpool spool, String sweep,
                                       List<ResultWriter.Commit> group) throws InterruptedException {
        List<String> ids = group.stream().map(c -> c.rows().trialId()).toList();
        for (int attempt = 1; ; attempt++) {
            try {
                ids.forEach(beforeCommit);
                java.util.Set<String> written = store.commit(sweep, group);
                for (String id : ids) {
                    if (!written.contains(id)) {
                        LOG.warn("trial {} was committed by another driver meanwhile; its rows are kept", id);
                    }
                }
                if (ids.size() > 1) {
                    LOG.info("trials {} committed together", String.join(", ", ids));
                }
                return java.util.Collections.nCopies(ids.size(), true);
            } catch (RuntimeException e) {
                if (attempt >= COMMIT_TRIES) {
                    for (ResultWriter.Commit c : group) {
                        Path file = spool.keep(c.rows());
                        LOG.error("trial {}: its rows could not be committed to {} ({}); kept in {}, the next run"
                                + " of sweep {} commits them", c.rows().trialId(), store.base(), e.toString(), file,
                                sweep);
                    }
                    return java.util.Collections.nCopies(ids.size(), false);
                }
                LOG.warn("trials {}: commit failed ({}), trying again", String.join(", ", ids), e.toString());
                Thread.sleep(1000L << (attempt - 1));
            }
        }
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
        int attempt = 1;
        MDC.put("trial", trial.id() + " " + trial.label()); // the trainer's epoch lines name their trial
        try {
            String gpu = TaskGpu.bind();
            int ordinal = TaskGpu.assignedOrdinal();
            LOG.info("trial {} on {}", trial.id(), cfg.device() == io.github.abasnn.train.ComputeDevice.CPU
                    ? "the CPU" + (gpu == null ? "" : " (GPU " + gpu + " assigned by Spark is not used: --device cpu)")
                    : "GPU ordinal " + ordinal + (gpu == null ? " (no GPU assigned to this task by Spark)"
                            : " (address " + gpu + ", assigned by Spark)"));
            attempt = files.nextAttempt(trial.id());
            boolean resume = files.restore(trial.id(), runDir);
            if (resume) {
                LOG.info("resuming trial {} from its checkpoint in {}", trial.id(), files.runDir(trial.id()));
            }
            Trainer trainer = new Trainer(cfg, false).deviceOrdinal(ordinal).onEpoch(m -> {
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
            String reason = r.status() == TrialStatus.STOPPED && rule != null
                    ? "stopped by the " + rule.name() + " rule after epoch " + r.epochs().size() : null;
            return TrialRows.of(trial, r, (System.nanoTime() - start) / 1e9, reason, attempt);
        } catch (Throwable e) { // out of memory or a native crash too: a failed row, and the sweep goes on
            return TrialRows.failed(trial, cfg, e.toString(), (System.nanoTime() - start) / 1e9, attempt);
        } finally {
            MDC.remove("trial");
            try (Stream<Path> walk = Files.walk(out)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
