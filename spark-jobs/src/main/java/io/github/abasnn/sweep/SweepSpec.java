package io.github.abasnn.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A sweep file (HOCON): a name, where results go, fixed trainer options ({@code base}), axes whose values are
 * combined as a grid (or sampled at random), and extra explicit trials (e.g. baselines). Option names are the
 * trainer's command-line options without dashes. {@link #load} checks everything it can before Spark starts —
 * unknown keys, values the trainer rejects (a target outside the bit bounds), a missing dataset directory — and names
 * the key. Relative data directories are resolved against the directory the sweep is submitted from ({@code workDir}),
 * since executors run elsewhere.
 *
 * <pre>
 * sweep {
 *   name = quickstart
 *   results = "runs/results"        # any Hadoop file system URI
 *   mode = grid                     # or: random, with samples = n
 *   base { network = resnet20, width = 8, dataset = fashion-mnist, epochs = 2 }
 *   axes { target = ["1/1/1", "2/2/1", "3/4/1"], seed = [3407] }
 *   trials = [ { uniform = true, init = "4/4/1" } ]
 *   stopping { rule = median, grace-epochs = 2, min-trials = 3 }   # optional: median stopping of weak trials
 *   # or rule = pareto (accuracy-margin = 0.01, min-dominating = 1): stop only trials dominated on accuracy and cost
 *   trial-timeout = 90m            # optional: a trial still training then is recorded failed (timed out)
 * }
 * </pre>
 */
public record SweepSpec(String name, String results, String mode, int samples, long seed,
                        Map<String, String> base, Map<String, List<String>> axes, List<Map<String, String>> trials,
                        String workDir, StoppingRule stopping, java.time.Duration trialTimeout) {

    static final Set<String> SWEEP_KEYS = Set.of("name", "results", "mode", "samples", "seed", "base", "axes", "trials",
            "stopping", "trial-timeout");
    static final Set<String> STOPPING_KEYS = Set.of("rule", "grace-epochs", "min-trials", "accuracy-margin",
            "min-dominating", "min-epochs", "reduction");

    /** Letters, digits, '_', '.', '-' (not '.' or '..' alone): safe in SQL literals and paths. */
    public static boolean isSweepName(String sweep) {
        return sweep.matches("[A-Za-z0-9_.-]+") && !sweep.matches("\\.+");
    }

    /** Reads and validates a sweep file. */
    public static SweepSpec load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("sweep file " + file + " does not exist");
        }
        Config root;
        try {
            root = ConfigFactory.parseFile(file.toFile()).resolve();
        } catch (ConfigException e) {
            throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage(), e);
        }
        if (!root.hasPath("sweep")) {
            throw new IllegalArgumentException("sweep file " + file + ": no 'sweep' block");
        }
        Config s = root.getConfig("sweep");
        for (String key : s.root().keySet()) {
            if (!SWEEP_KEYS.contains(key)) {
                throw new IllegalArgumentException("sweep file " + file + ": unknown key 'sweep." + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(SWEEP_KEYS)) + ")");
            }
        }
        try {
            String name = s.getString("name");
            if (!isSweepName(name) || name.matches("[0-9.eE+-]+")) {
                throw new IllegalArgumentException("sweep.name '" + name + "' may use letters, digits, '.', '_', '-',"
                        + " must not be '.' or '..' and must not read as a number (it names a table partition)");
            }
            String mode = s.hasPath("mode") ? s.getString("mode").toLowerCase(Locale.ROOT) : "grid";
            if (!mode.equals("grid") && !mode.equals("random")) {
                throw new IllegalArgumentException("sweep.mode '" + mode + "' must be grid or random");
            }
            int samples = s.hasPath("samples") ? s.getInt("samples") : 0;
            if (mode.equals("random") && samples < 1) {
                throw new IllegalArgumentException("sweep.samples must be >= 1 in random mode");
            }
            Map<String, String> base = s.hasPath("base") ? flat(s.getConfig("base"), "sweep.base") : Map.of();
            Map<String, List<String>> axes = new LinkedHashMap<>();
            if (s.hasPath("axes")) {
                for (Map.Entry<String, ConfigValue> e : s.getObject("axes").entrySet()) {
                    String key = "sweep.axes." + e.getKey();
                    if (e.getValue().valueType() != ConfigValueType.LIST) {
                        throw new IllegalArgumentException(key + " must be a list of values");
                    }
                    List<String> values = new ArrayList<>();
                    for (Object v : (List<?>) e.getValue().unwrapped()) {
                        values.add(String.valueOf(v));
                    }
                    if (values.isEmpty()) {
                        throw new IllegalArgumentException(key + " is empty");
                    }
                    axes.put(e.getKey(), values);
                }
            }
            List<Map<String, String>> trials = new ArrayList<>();
            if (s.hasPath("trials")) {
                List<? extends Config> list = s.getConfigList("trials");
                for (int i = 0; i < list.size(); i++) {
                    trials.add(flat(list.get(i), "sweep.trials[" + i + "]"));
                }
            }
            SweepSpec spec = new SweepSpec(name, s.getString("results"), mode, samples,
                    s.hasPath("seed") ? s.getLong("seed") : io.github.abasnn.train.TrainConfig.DEFAULTS.seed(), base, axes, trials,
                    Path.of("").toAbsolutePath().toString(), s.hasPath("stopping") ? stopping(s.getConfig("stopping")) : null,
                    s.hasPath("trial-timeout") ? timeout(s) : null);
            spec.validate(file);
            return spec;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code trial-timeout = 90m}: a positive HOCON duration. */
    private static java.time.Duration timeout(Config s) {
        java.time.Duration d = s.getDuration("trial-timeout");
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("sweep.trial-timeout must be positive, got " + d);
        }
        return d;
    }

    /**
     * {@code stopping { rule = median | pareto, grace-epochs = 1, min-trials = 3 }}, for {@code pareto} also
     * {@code accuracy-margin = 0.01, min-dominating = 1}; or {@code stopping { rule = asha, min-epochs = 1,
     * reduction = 3 }}.
     */
    public static StoppingRule stopping(Config c) {
        for (String key : c.root().keySet()) {
            if (!STOPPING_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key 'sweep.stopping." + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(STOPPING_KEYS)) + ")");
            }
        }
        String rule = c.hasPath("rule") ? c.getString("rule") : "median";
        List<String> own = switch (rule) {
            case "median" -> List.of("rule", "grace-epochs", "min-trials");
            case "pareto" -> List.of("rule", "grace-epochs", "min-trials", "accuracy-margin", "min-dominating");
            case "asha" -> List.of("rule", "min-epochs", "reduction");
            default -> throw new IllegalArgumentException("sweep.stopping.rule '" + rule
                    + "' must be median, pareto or asha");
        };
        for (String key : c.root().keySet()) {
            if (!own.contains(key)) {
                throw new IllegalArgumentException("sweep.stopping." + key + " does not apply to rule = " + rule
                        + " (its keys: " + String.join(", ", own) + ")");
            }
        }
        int grace = c.hasPath("grace-epochs") ? c.getInt("grace-epochs") : 1;
        int minTrials = c.hasPath("min-trials") ? c.getInt("min-trials") : 3;
        return switch (rule) {
            case "median" -> new MedianStopping(grace, minTrials, List.of());
            case "pareto" -> new ParetoStopping(grace, minTrials,
                    c.hasPath("accuracy-margin") ? c.getDouble("accuracy-margin") : 0.01,
                    c.hasPath("min-dominating") ? c.getInt("min-dominating") : 1, List.of());
            default -> new AshaStopping(c.hasPath("min-epochs") ? c.getInt("min-epochs") : 1,
                    c.hasPath("reduction") ? c.getInt("reduction") : 3, List.of());
        };
    }

    private static Map<String, String> flat(Config c, String where) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfigValue> e : c.root().entrySet()) {
            ConfigValueType t = e.getValue().valueType();
            if (t == ConfigValueType.OBJECT || t == ConfigValueType.LIST) {
                throw new IllegalArgumentException(where + "." + e.getKey() + " must be a single value");
            }
            out.put(e.getKey(), String.valueOf(e.getValue().unwrapped()));
        }
        return out;
    }

    /** The most trials one sweep may expand to (a grid, or random samples). */
    public static final long MAX_TRIALS = 10_000;

    /** Combinations of the axes, computed without expanding them (saturates at {@link Long#MAX_VALUE}). */
    public long gridSize() {
        long n = 1;
        for (List<String> values : axes.values()) {
            try {
                n = Math.multiplyExact(n, values.size());
            } catch (ArithmeticException e) {
                return Long.MAX_VALUE;
            }
        }
        return n;
    }

    /**
     * Every trial of the sweep, in a stable order, duplicates (same id) removed. A random sweep draws its samples
     * as indices into the grid, so it never materialises a grid larger than its sample.
     */
    public List<TrialConfig> expand() {
        long size = gridSize();
        List<String> names = new ArrayList<>(axes.keySet());
        List<Long> indices = new ArrayList<>();
        if (mode.equals("random") && samples < size) {
            Random r = new Random(seed);
            Set<Long> seen = new LinkedHashSet<>();
            while (seen.size() < samples) {
                seen.add(Math.floorMod(r.nextLong(), size));
            }
            indices.addAll(seen);
        } else {
            for (long i = 0; i < size; i++) {
                indices.add(i);
            }
        }
        List<Map<String, String>> combos = new ArrayList<>();
        for (long index : indices) {
            Map<String, String> m = new LinkedHashMap<>(base);
            long rest = index;
            for (int a = names.size() - 1; a >= 0; a--) { // mixed radix, the last axis varying fastest
                List<String> values = axes.get(names.get(a));
                m.put(names.get(a), values.get((int) (rest % values.size())));
                rest /= values.size();
            }
            combos.add(reorder(m, names));
        }
        Map<String, TrialConfig> byId = new java.util.LinkedHashMap<>();
        for (Map<String, String> c : combos) {
            TrialConfig t = TrialConfig.of(c, Path.of(workDir));
            byId.putIfAbsent(t.id(), t);
        }
        for (Map<String, String> extra : trials) {
            Map<String, String> m = new LinkedHashMap<>(base);
            m.putAll(extra);
            TrialConfig t = TrialConfig.of(m, Path.of(workDir));
            byId.putIfAbsent(t.id(), t);
        }
        return List.copyOf(byId.values());
    }

    /** The base options first, then the axes in file order (the order the grid was built in). */
    private Map<String, String> reorder(Map<String, String> m, List<String> names) {
        Map<String, String> out = new LinkedHashMap<>(base);
        names.forEach(n -> out.put(n, m.get(n)));
        return out;
    }

    /**
     * The sweep's size is within {@link #MAX_TRIALS} (checked before anything is expanded), every trial parses as
     * trainer options, and its dataset directory exists.
     */
    private void validate(Path file) {
        long size = gridSize();
        long planned = mode.equals("random") ? Math.min(samples, size) : size;
        if (planned > MAX_TRIALS) {
            throw new IllegalArgumentException("sweep file " + file + ": " + (mode.equals("random")
                    ? "sweep.samples = " + samples : "the grid of sweep.axes has " + (size == Long.MAX_VALUE
                    ? "more than " + Long.MAX_VALUE : size) + " trials (" + axes.values().stream()
                    .map(v -> String.valueOf(v.size())).collect(java.util.stream.Collectors.joining(" x ")) + ")")
                    + "; at most " + MAX_TRIALS + " per sweep (use mode = random with samples = n)");
        }
        Set<String> dirs = new LinkedHashSet<>();
        List<TrialConfig> trials;
        try {
            trials = expand();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage()
                    .replace("Unknown option: '--", "unknown trainer option '"), e);
        }
        for (TrialConfig t : trials) {
            try {
                t.toTrainConfig(Path.of("unused"), Path.of(workDir), false);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage()
                        .replace("Unknown option: '--", "unknown trainer option '"), e);
            }
            dirs.add(t.dataDir(Path.of(workDir)));
        }
        for (String d : dirs) {
            if (io.github.abasnn.storage.HadoopData.isRemote(d)) {
                try {
                    io.github.abasnn.storage.HadoopData.requireDirectory(d, "dataset directory");
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage() + " (key data-dir)",
                            e);
                }
            } else if (!Files.isDirectory(io.github.abasnn.storage.HadoopData.local(d))) {
                throw new IllegalArgumentException("sweep file " + file + ": dataset directory '" + d
                        + "' does not exist (key data-dir, or data/<dataset>; run submit/setup.sh --data)");
            }
        }
    }
}
