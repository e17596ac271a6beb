package io.github.abasnn.jobs;

import io.github.abasnn.storage.HadoopData;

import io.github.abasnn.distributed.DataParallel;
import io.github.abasnn.distributed.SparkEpochFitter;
import io.github.abasnn.distributed.SyncTiming;
import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.TrialRows;
import io.github.abasnn.sweep.TrialConfig;
import io.github.abasnn.train.Checkpoints;
import io.github.abasnn.train.TrainCli;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Data-parallel training of one network across the executors: the single-machine {@link Trainer} (evaluation,
 * recalibration, cost report, switch-off rule, checkpoints, {@code --resume}) with each epoch's batches fitted
 * data-parallel on the executors ({@link io.github.abasnn.distributed.SparkEpochFitter}). The run lands in the result
 * tables as one trial of the given sweep name, its per-epoch metrics in {@code epochs}; where each epoch's time went
 * (compute vs synchronisation) goes to {@code sync.json} in the output directory.
 */
public final class TrainJob {
    private TrainJob() {}

    /** A finished run: the trainer's result, its trial id and the per-epoch timing. */
    public record Outcome(TrainResult result, String trialId, List<SyncTiming> timings) {}

    public static Outcome run(JavaSparkContext sc, List<String> trainerArgs, DataParallel parallel, ResultStore store,
                              String sweep, boolean resume, Path workDir) throws IOException {
        List<String> args = withAbsoluteDataDir(trainerArgs, workDir);
        // every option checked before Spark works; a dataset on HDFS or S3 is read from this machine's copy here,
        // while the executors get the URI and make their own
        TrainConfig cfg = TrainCli.parse(HadoopData.localizeDataDir(args.toArray(String[]::new)));
        java.util.SortedMap<String, String> options = new java.util.TreeMap<>(identity(args, parallel));
        options.remove("out");
        // what it is: the parsed configuration, the data's content and how it is parallelised
        TrialConfig trial = new TrialConfig(options, io.github.abasnn.sweep.TrialIdentity.of(cfg,
                io.github.abasnn.sweep.TrialIdentity.dataChecksum(cfg.data().dataDir().toString()),
                Map.of("parallel", options.get("parallel"))));
        SparkEpochFitter fitter = new SparkEpochFitter(sc, args.toArray(String[]::new), parallel, cfg.optimiser().batch(),
                cfg.seed());
        long start = System.nanoTime();
        TrainResult result = new Trainer(cfg, false).fitter(fitter).run(resume);
        double wall = (System.nanoTime() - start) / 1e9;
        Checkpoints.writeJsonAtomically(cfg.outDir().resolve("sync.json"), fitter.timings());
        if (store != null) {
            store.commit(sweep, TrialRows.of(trial, result, wall));
        }
        return new Outcome(result, trial.id(), fitter.timings());
    }

    /** Executors run elsewhere: the data directory (given or the default {@code data/<dataset>}) made absolute. */
    static List<String> withAbsoluteDataDir(List<String> args, Path workDir) {
        List<String> out = new ArrayList<>(args);
        int i = out.indexOf("--data-dir");
        if (i >= 0 && i + 1 < out.size() && (HadoopData.isRemote(out.get(i + 1)) || out.get(i + 1).startsWith("file:"))) {
            return out; // a URI: absolute already
        }
        if (i >= 0 && i + 1 < out.size()) {
            out.set(i + 1, workDir.resolve(out.get(i + 1)).toAbsolutePath().normalize().toString());
            return out;
        }
        int d = out.indexOf("--dataset");
        String dataset = d >= 0 && d + 1 < out.size() ? out.get(d + 1) : io.github.abasnn.train.TrainConfig.DEFAULTS.data().dataset();
        out.add("--data-dir");
        out.add(workDir.resolve(TrainConfig.Data.defaultDir(dataset)).toAbsolutePath().normalize().toString());
        return out;
    }

    /** What the run is — trainer options and how it is parallelised — for its stable trial id. */
    static Map<String, String> identity(List<String> args, DataParallel p) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                continue;
            }
            boolean hasValue = i + 1 < args.size() && !args.get(i + 1).startsWith("--");
            opts.put(a.substring(2), hasValue ? args.get(++i) : "true");
        }
        opts.remove("resume");
        opts.remove("progress");
        opts.remove("no-progress");
        opts.put("parallel", p.mode() + "/" + p.workers() + "/" + p.averagingFrequency());
        return opts;
    }
}
