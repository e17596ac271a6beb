package io.github.abasnn.jobs;

import io.github.abasnn.storage.HadoopData;

import io.github.abasnn.distributed.DataParallel;
import io.github.abasnn.distributed.LocalData;
import io.github.abasnn.distributed.SparkEpochFitter;
import io.github.abasnn.distributed.SyncTiming;
import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.TrialRows;
import io.github.abasnn.sweep.TrialConfig;
import io.github.abasnn.train.Checkpoints;
import io.github.abasnn.sweep.TrialIdentity;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainOptions;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
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
        // the command line read once, here; from now on the run is its configuration
        SortedMap<String, String> options = TrainOptions.of(trainerArgs.toArray(String[]::new));
        options.put("data-dir", absoluteDataDir(options, workDir));
        TrainConfig cfg = TrainOptions.toConfig(options); // every option checked before Spark works
        if (cfg.device() != io.github.abasnn.train.ComputeDevice.CPU) {
            throw new IllegalArgumentException("--device " + cfg.device().optionName() + ": the data-parallel train"
                    + " job fits on the executors' CPUs; train one network on one GPU with the core CLI's train"
                    + " --device gpu, or run a sweep (one trial per GPU)");
        }
        options.remove("out"); // where it is written is not what it is
        options.put("parallel", parallel.mode() + "/" + parallel.workers() + "/" + parallel.averagingFrequency());
        // a dataset on HDFS or S3 is read from this machine's copy here, while the executors get the URI and make
        // their own
        TrainConfig local = LocalData.of(cfg);
        TrialConfig trial = new TrialConfig(options, TrialIdentity.of(cfg,
                TrialIdentity.dataChecksum(cfg.data().dataDir()), Map.of("parallel", options.get("parallel"))));
        SparkEpochFitter fitter = new SparkEpochFitter(sc, cfg, parallel);
        long start = System.nanoTime();
        TrainResult result = new Trainer(local, false).fitter(fitter).run(resume);
        double wall = (System.nanoTime() - start) / 1e9;
        Checkpoints.writeJsonAtomically(cfg.outDir().resolve("sync.json"), fitter.timings());
        if (store != null) {
            store.commit(sweep, TrialRows.of(trial, result, wall));
        }
        return new Outcome(result, trial.id(), fitter.timings());
    }

    /**
     * Executors run elsewhere: the data directory (given or the default {@code data/<dataset>}) absolute, a URI as
     * given.
     */
    static String absoluteDataDir(Map<String, String> options, Path workDir) {
        String dir = new TrialConfig(new java.util.TreeMap<>(options), null).dataDir(workDir);
        return HadoopData.isRemote(dir) || dir.startsWith("file:") ? dir
                : Path.of(dir).toAbsolutePath().normalize().toString();
    }
}
