package io.github.abasnn.sweep;

import io.github.abasnn.storage.HadoopData;

import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial of a sweep: trainer options by name ({@link TrainOptions}: the command line's, without dashes, as
 * written) and its id, the
 * {@link TrialIdentity} of the parsed options and the dataset's content — the same trial gets the same id however its
 * options are spelled and wherever it runs, so a re-run sweep skips finished trials and a retried task writes under
 * the same id.
 */
public record TrialConfig(SortedMap<String, String> options, String id) implements java.io.Serializable {
    /** The trial of {@code options}, a relative data directory read from the working directory. */
    public static TrialConfig of(Map<String, String> options) {
        return of(options, null);
    }

    /**
     * The trial of {@code options}, a relative (or default) data directory resolved against {@code workDir}; fails
     * naming the option when they do not parse as trainer options.
     */
    public static TrialConfig of(Map<String, String> options, Path workDir) {
        return identified(options, workDir, null);
    }

    /**
     * The trial of {@code options} trained on data whose checksum was {@code dataChecksum} (as a committed row
     * records it), without reading the data.
     */
    public static TrialConfig withChecksum(Map<String, String> options, Path workDir, String dataChecksum) {
        return identified(options, workDir, dataChecksum == null ? TrialIdentity.NO_DATA : dataChecksum);
    }

    private static TrialConfig identified(Map<String, String> options, Path workDir, String dataChecksum) {
        SortedMap<String, String> sorted = new TreeMap<>(options);
        sorted.remove("out"); // where it is written is not what it is
        TrialConfig unnamed = new TrialConfig(sorted, null);
        Path where = workDir == null ? Path.of("").toAbsolutePath() : workDir;
        TrainConfig parsed = unnamed.toTrainConfig(Path.of("unused"), where, false);
        String checksum = dataChecksum != null ? dataChecksum : TrialIdentity.dataChecksum(unnamed.dataDir(where));
        return new TrialConfig(sorted, TrialIdentity.of(parsed, checksum, Map.of()));
    }

    /** The same options under {@code storedId}: a finished trial recorded under an id of an earlier scheme. */
    public TrialConfig withId(String storedId) {
        return new TrialConfig(options, storedId);
    }

    /** A short name for logs and listings: {@code learned 2/2/1} or {@code uniform 4/4/1}, and the seed if set. */
    public String label() {
        boolean uniform = "true".equals(options.get("uniform"));
        String bits = uniform ? options.getOrDefault("init", TrainConfig.DEFAULTS.bits().initText())
                : options.containsKey("target-energy") ? "energy " + options.get("target-energy") + " µJ"
                : options.containsKey("target-sace") ? "S-ACE " + options.get("target-sace") + " G"
                : options.getOrDefault("target", TrainConfig.DEFAULTS.bits().targetsText());
        String seed = options.containsKey("seed") ? " seed " + options.get("seed") : "";
        return (uniform ? "uniform " : "learned ") + bits + seed;
    }

    /**
     * The dataset directory as the sweep names it: a Hadoop URI as given, a local path resolved against
     * {@code workDir} (default {@code data/<dataset>}).
     */
    public String dataDir(Path workDir) {
        String dataDir = options.getOrDefault("data-dir", TrainConfig.Data.defaultDir(
                options.getOrDefault("dataset", TrainConfig.DEFAULTS.data().dataset())).toString());
        return HadoopData.isRemote(dataDir) || dataDir.startsWith("file:") ? dataDir
                : workDir.resolve(dataDir).toString();
    }

    /** The trainer configuration of this trial, writing into {@code outDir}; fails naming a bad option. */
    public TrainConfig toTrainConfig(Path outDir) {
        return toTrainConfig(outDir, null);
    }

    /**
     * As {@link #toTrainConfig(Path)}, with a relative (or default {@code data/<dataset>}) data directory resolved
     * against {@code workDir} — where the sweep was submitted — since executors run elsewhere.
     */
    public TrainConfig toTrainConfig(Path outDir, Path workDir) {
        return toTrainConfig(outDir, workDir, true);
    }

    /**
     * As {@link #toTrainConfig(Path, Path)}; a data directory on a remote Hadoop file system is replaced by its local
     * copy ({@link HadoopData}) when {@code localize}, else (checking options only) kept as its URI.
     */
    public TrainConfig toTrainConfig(Path outDir, Path workDir, boolean localize) {
        SortedMap<String, String> opts = new TreeMap<>(options);
        if (workDir != null) {
            String dataDir = dataDir(workDir);
            opts.put("data-dir", localize && HadoopData.isRemote(dataDir) ? HadoopData.local(dataDir).toString()
                    : dataDir);
        }
        opts.put("out", outDir.toString());
        try {
            return TrainOptions.toConfig(opts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trial " + (id != null ? id : String.valueOf(options)) + ": "
                    + e.getMessage(), e);
        }
    }
}
