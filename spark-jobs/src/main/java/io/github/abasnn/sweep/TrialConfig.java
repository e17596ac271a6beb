package io.github.abasnn.sweep;

import io.github.abasnn.storage.HadoopData;

import io.github.abasnn.train.TrainCli;
import io.github.abasnn.train.TrainConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One trial of a sweep: trainer options by name (the command line's, without dashes) and an id that is a stable
 * hash of them — the same options give the same id in every run, so a re-run sweep can skip finished trials and a
 * retried task writes under the same id.
 */
public record TrialConfig(SortedMap<String, String> options, String id) implements java.io.Serializable {

    public static TrialConfig of(Map<String, String> options) {
        SortedMap<String, String> sorted = new TreeMap<>(options);
        sorted.remove("out"); // where it is written is not what it is
        return new TrialConfig(sorted, hash(sorted));
    }

    static String hash(SortedMap<String, String> options) {
        StringBuilder canonical = new StringBuilder();
        options.forEach((k, v) -> canonical.append(k).append('=').append(v).append('\n'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A short name for logs and listings: {@code learned 2/2/1} or {@code uniform 4/4/1}, and the seed if set. */
    public String label() {
        boolean uniform = "true".equals(options.get("uniform"));
        String bits = uniform ? options.getOrDefault("init", "4/4/2")
                : options.containsKey("target-energy") ? "energy " + options.get("target-energy") + " µJ"
                : options.containsKey("target-sace") ? "S-ACE " + options.get("target-sace") + " G"
                : options.getOrDefault("target", "2/2/1");
        String seed = options.containsKey("seed") ? " seed " + options.get("seed") : "";
        return (uniform ? "uniform " : "learned ") + bits + seed;
    }

    /**
     * The dataset directory as the sweep names it: a Hadoop URI as given, a local path resolved against
     * {@code workDir} (default {@code data/<dataset>}).
     */
    public String dataDir(Path workDir) {
        String dataDir = options.getOrDefault("data-dir", "data/" + options.getOrDefault("dataset", "fashion-mnist"));
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
     * As {@link #toTrainConfig(Path, Path)}; a data directory on a remote Hadoop file system is read from its local
     * copy ({@link HadoopData}) when {@code localize}, else (checking options only) from a placeholder path.
     */
    public TrainConfig toTrainConfig(Path outDir, Path workDir, boolean localize) {
        SortedMap<String, String> opts = new TreeMap<>(options);
        if (workDir != null) {
            String dataDir = dataDir(workDir);
            opts.put("data-dir", !HadoopData.isRemote(dataDir) ? dataDir
                    : localize ? HadoopData.local(dataDir).toString() : "remote-dataset");
        }
        List<String> args = new ArrayList<>();
        opts.forEach((k, v) -> {
            if ("true".equals(v) && isFlag(k)) {
                args.add("--" + k);
            } else if ("false".equals(v) && isFlag(k)) {
                if (!"uniform".equals(k) && !"resume".equals(k)) {
                    args.add("--no-" + k);
                }
            } else {
                args.add("--" + k);
                args.add(v);
            }
        });
        args.add("--out");
        args.add(outDir.toString());
        args.add("--no-progress");
        try {
            return TrainCli.parse(args.toArray(String[]::new));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("trial " + id + ": " + e.getMessage(), e);
        }
    }

    private static boolean isFlag(String key) {
        return key.equals("uniform") || key.equals("augment") || key.equals("progress");
    }
}
