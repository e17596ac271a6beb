package io.github.abasnn.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import io.github.abasnn.train.TrainConfig;
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
 * }
 * </pre>
 */
public record SweepSpec(String name, String results, String mode, int samples, long seed,
                        Map<String, String> base, Map<String, List<String>> axes, List<Map<String, String>> trials,
                        String workDir, MedianStopping stopping) {

    static final Set<String> SWEEP_KEYS = Set.of("name", "results", "mode", "samples", "seed", "base", "axes", "trials",
            "stopping");
    static final Set<String> STOPPING_KEYS = Set.of("rule", "grace-epochs", "min-trials");

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
            if (!name.matches("[A-Za-z0-9_.-]+")) {
                throw new IllegalArgumentException("sweep.name '" + name + "' may use letters, digits, '.', '_', '-'");
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
                    s.hasPath("seed") ? s.getLong("seed") : 3407, base, axes, trials,
                    Path.of("").toAbsolutePath().toString(), s.hasPath("stopping") ? stopping(s.getConfig("stopping")) : null);
            spec.validate(file);
            return spec;
        } catch (ConfigException e) {
            throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code stopping { rule = median, grace-epochs = 2, min-trials = 3 }}: the median stopping rule. */
    private static MedianStopping stopping(Config c) {
        for (String key : c.root().keySet()) {
            if (!STOPPING_KEYS.contains(key)) {
                throw new IllegalArgumentException("unknown key 'sweep.stopping." + key + "' (known: "
                        + String.join(", ", new java.util.TreeSet<>(STOPPING_KEYS)) + ")");
            }
        }
        String rule = c.hasPath("rule") ? c.getString("rule") : "median";
        if (!rule.equals("median")) {
            throw new IllegalArgumentException("sweep.stopping.rule '" + rule + "' must be median");
        }
        return new MedianStopping(c.hasPath("grace-epochs") ? c.getInt("grace-epochs") : 1,
                c.hasPath("min-trials") ? c.getInt("min-trials") : 3, List.of());
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

    /** Every trial of the sweep, in a stable order, duplicates (same id) removed. */
    public List<TrialConfig> expand() {
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>(base));
        for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : axis.getValue()) {
                    Map<String, String> m = new LinkedHashMap<>(c);
                    m.put(axis.getKey(), v);
                    next.add(m);
                }
            }
            combos = next;
        }
        if (mode.equals("random") && samples < combos.size()) {
            List<Map<String, String>> shuffled = new ArrayList<>(combos);
            java.util.Collections.shuffle(shuffled, new Random(seed));
            combos = shuffled.subList(0, samples);
        }
        Map<String, TrialConfig> byId = new java.util.LinkedHashMap<>();
        for (Map<String, String> c : combos) {
            TrialConfig t = TrialConfig.of(c);
            byId.putIfAbsent(t.id(), t);
        }
        for (Map<String, String> extra : trials) {
            Map<String, String> m = new LinkedHashMap<>(base);
            m.putAll(extra);
            TrialConfig t = TrialConfig.of(m);
            byId.putIfAbsent(t.id(), t);
        }
        return List.copyOf(byId.values());
    }

    /** Every trial must parse as trainer options, and its dataset directory must exist. */
    private void validate(Path file) {
        Set<String> dirs = new LinkedHashSet<>();
        for (TrialConfig t : expand()) {
            TrainConfig c;
            try {
                c = t.toTrainConfig(Path.of("unused"), Path.of(workDir));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("sweep file " + file + ": " + e.getMessage()
                        .replace("Unknown option: '--", "unknown trainer option '"), e);
            }
            dirs.add(c.dataDir().toString());
        }
        for (String d : dirs) {
            if (!Files.isDirectory(Path.of(d))) {
                throw new IllegalArgumentException("sweep file " + file + ": dataset directory '" + d
                        + "' does not exist (key data-dir, or data/<dataset>; run submit/setup.sh --data)");
            }
        }
    }
}
