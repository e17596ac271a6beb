package io.github.abasnn.results.report;

import io.github.abasnn.renewal.RenewalPolicy;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.results.store.HadoopFiles;
import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.StoreNames;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.github.abasnn.results.report.FrontComparison.Point;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * The report of one sweep: for each cost (bit budget, S-ACE, energy) the trials with their Pareto flags as a rounded
 * table, a CSV and a PNG of both arms' fronts, and learned against uniform per seed ({@link FrontComparison}); where
 * the bits went (per-layer heatmaps over the trials, the most accurate learned trial's energy per layer); the
 * training curves; and one HTML page with all of it. Output goes to any Hadoop file system URI.
 */
public final class SweepReport {
    /** Columns of the per-cost CSV, read by name from {@link ParetoFront#trials}. */
    static final List<String> CSV_COLUMNS = List.of("trial_id", "seed", "uniform", "init", "target", "test_accuracy",
            "weight_bits", "spike_bits", "time_steps", "bit_budget", "s_ace_g", "energy_pj", "on_front");

    private final SparkSession spark;
    private final String sweep;
    /** Only the trials trained with this renewal policy; null: all. */
    private final RenewalPolicy renewal;

    public SweepReport(SparkSession spark, ResultStore store, String sweep) {
        this(spark, store, sweep, null);
    }

    /**
     * The report of the trials of {@code sweep} trained with {@code renewal} (null: all), as when a sweep holds a
     * renewal measurement beside the arms being compared.
     */
    public SweepReport(SparkSession spark, ResultStore store, String sweep, RenewalPolicy renewal) {
        this.spark = spark;
        this.sweep = StoreNames.sweep(sweep);
        this.renewal = renewal;
        store.registerViews();
    }

    /** How a trial is named in figures: arm, bits and seed. */
    static final String TRIAL_LABEL = "concat(CASE WHEN t.uniform THEN 'uniform ' || t.init ELSE 'learned ' || t.target"
            + " END, ' s', t.seed)";

    /** Network order of the {@code layers} alias {@code l} (rows written before {@code position} existed: by name). */
    static final String LAYER_ORDER = "coalesce(l.position, CASE WHEN l.first THEN -1 WHEN l.layer = 'fc' THEN 1000"
            + " ELSE 0 END), l.layer";

    /** The sweep's finished trials, as the SQL condition on the {@code trials} alias {@code t} (:sweep bound). */
    private String okTrials() {
        return "t.sweep = :sweep AND t.status = 'ok'" + (renewal == null ? "" : " AND " + ParetoFront.renewalIs("t"));
    }

    /** Runs a query of this report with {@code :sweep} (and {@code :trial}, when given) bound as literals by Spark. */
    private List<Row> query(String sql, String trialId) {
        Map<String, Object> args = ParetoFront.params(sweep, renewal);
        if (trialId != null) {
            args.put("trial", StoreNames.trial(trialId));
        }
        return spark.sql(sql, args).collectAsList();
    }

    /** Per-layer cells of one allocation quantity ({@link AllocationCharts#QUANTITIES}), learned trials first. */
    public List<AllocationCharts.Cell> allocation(String quantity) {
        String expr = AllocationCharts.QUANTITIES.get(quantity);
        if (expr == null) {
            throw new IllegalArgumentException("unknown quantity '" + quantity + "'; known: "
                    + AllocationCharts.QUANTITIES.keySet());
        }
        return query("SELECT " + TRIAL_LABEL + " AS trial, l.layer, l.weights, CAST(" + expr + " AS DOUBLE) AS v"
                        + " FROM layers l JOIN trials t ON l.sweep = t.sweep AND l.trial_id = t.trial_id WHERE "
                        + okTrials() + " AND NOT l.first ORDER BY t.uniform, t.bit_budget, t.seed, " + LAYER_ORDER, null)
                .stream().map(r -> new AllocationCharts.Cell(r.getString(0),
                        AllocationCharts.layerLabel(r.getString(1), r.getLong(2)), r.getDouble(3))).toList();
    }

    /** The trial whose energy breakdown is shown: the most accurate learned trial (any, if none is learned). */
    public String chosenTrial() {
        List<Row> r = query("SELECT t.trial_id FROM trials t WHERE " + okTrials()
                + " ORDER BY t.uniform, t.test_accuracy DESC LIMIT 1", null);
        return r.isEmpty() ? null : r.get(0).getString(0);
    }

    /** {layer labels, energy per image in pJ} of one trial, input first. */
    public List<Row> layerEnergy(String trialId) {
        return query("SELECT l.layer, l.energy_pj FROM layers l WHERE l.sweep = :sweep AND l.trial_id = :trial"
                + " ORDER BY " + LAYER_ORDER, trialId);
    }

    /** Per trial, {epochs, values} of an {@code epochs} column. */
    public Map<String, double[][]> curves(String column) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (Row r : query("SELECT " + TRIAL_LABEL + " AS trial, e.epoch, CAST(e." + column + " AS DOUBLE) FROM"
                + " epochs e JOIN trials t ON e.sweep = t.sweep AND e.trial_id = t.trial_id WHERE " + okTrials()
                + " ORDER BY t.uniform, t.bit_budget, t.seed, e.epoch", null)) {
            points.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new double[] {r.getInt(1),
                r.isNullAt(2) ? Double.NaN : r.getDouble(2)});
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        points.forEach((k, v) -> out.put(k, DynamicsCharts.xy(v)));
        return out;
    }

    /**
     * Test accuracy per epoch of learned against uniform trials at the same bits (a learned trial's target equal to a
     * uniform one's init), by bits: each a map from {@code learned s<seed> <renewal>} / {@code uniform s<seed>} to
     * {epochs, accuracies}. Only bits both arms ran.
     */
    public Map<String, Map<String, double[][]>> pairCurves() {
        Map<String, Map<String, List<double[]>>> byBits = new TreeMap<>();
        for (Row r : query("SELECT CASE WHEN t.uniform THEN t.init ELSE t.target END AS bits, t.uniform, t.seed,"
                + " e.epoch, CAST(e.test_accuracy AS DOUBLE), t.renewal FROM epochs e JOIN trials t ON"
                + " e.sweep = t.sweep AND"
                + " e.trial_id = t.trial_id WHERE " + okTrials() + " AND e.test_accuracy IS NOT NULL"
                + " ORDER BY bits, t.uniform, t.seed, e.epoch", null)) {
            // a learned series names its renewal policy: a sweep may hold two learned runs of one target and seed
            String series = r.getBoolean(1) ? "uniform s" + r.getLong(2) : "learned s" + r.getLong(2) + " "
                    + (r.isNullAt(5) ? TrainConfig.DEFAULTS.quantizers().renewalName() : r.getString(5));
            byBits.computeIfAbsent(r.getString(0), k -> new LinkedHashMap<>())
                    .computeIfAbsent(series, k -> new ArrayList<>()).add(new double[] {r.getInt(3), r.getDouble(4)});
        }
        Map<String, Map<String, double[][]>> out = new LinkedHashMap<>();
        byBits.forEach((bits, series) -> {
            boolean both = series.keySet().stream().anyMatch(k -> k.startsWith("learned"))
                    && series.keySet().stream().anyMatch(k -> k.startsWith("uniform"));
            if (both) {
                Map<String, double[][]> xy = new LinkedHashMap<>();
                series.forEach((k, v) -> xy.put(k, DynamicsCharts.xy(v)));
                out.put(bits, xy);
            }
        });
        return out;
    }

    /** Per layer of one trial, {epochs, weight bits} from {@code layer_epochs} (empty for trials without it). */
    public Map<String, double[][]> layerCurves(String trialId, String expr) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        for (Row r : query("SELECT l.layer, l.epoch, CAST(" + expr + " AS DOUBLE) FROM layer_epochs l WHERE"
                + " l.sweep = :sweep AND l.trial_id = :trial"
                + " AND NOT l.first ORDER BY l.position, l.epoch", trialId)) {
            points.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(new double[] {r.getInt(1),
                r.getDouble(2)});
        }
        Map<String, double[][]> out = new LinkedHashMap<>();
        points.forEach((k, v) -> out.put(k, DynamicsCharts.xy(v)));
        return out;
    }

    /**
     * Every figure of the report, by file-name stem: the fronts per cost, the allocation heatmaps, the chosen trial's
     * energy per layer, and the training curves.
     */
    public Map<String, Chart<?, ?>> figures() {
        return figures(trialsByCost());
    }

    /** As {@link #figures()}, the fronts drawn from {@code byCost} ({@link #trialsByCost()}). */
    Map<String, Chart<?, ?>> figures(Map<String, List<Row>> byCost) {
        Map<String, Chart<?, ?>> out = new LinkedHashMap<>();
        byCost.forEach((cost, rows) -> out.put("pareto-" + cost, FrontChart.draw("sweep " + sweep + ": accuracy vs "
                + ParetoFront.COSTS.get(cost), ParetoFront.COSTS.get(cost), rows.stream().map(r -> point(r, cost))
                .map(p -> new Point(p.label(), p.learned(), p.accuracy(), p.cost() * ParetoFront.displayScale(cost)))
                .toList())));
        String[] stems = {"weight-bits", "spike-bits", "time-steps"};
        int i = 0;
        for (String q : AllocationCharts.QUANTITIES.keySet()) {
            List<AllocationCharts.Cell> cells = allocation(q);
            if (!cells.isEmpty()) {
                out.put("allocation-" + stems[i], AllocationCharts.heatmap(q + " per layer", cells));
            }
            i++;
        }
        String chosen = chosenTrial();
        if (chosen != null) {
            List<Row> energy = layerEnergy(chosen);
            if (energy.stream().anyMatch(r -> !r.isNullAt(1))) {
                out.put("energy-" + chosen, AllocationCharts.energyBars("energy per layer, trial " + chosen,
                        energy.stream().map(r -> r.getString(0)).toList(),
                        energy.stream().map(r -> r.isNullAt(1) ? null : r.getDouble(1)).toList()));
            }
            Map<String, double[][]> bits = layerCurves(chosen, "l.weight_bit_param");
            if (!bits.isEmpty()) {
                out.put("layer-bits-" + chosen, DynamicsCharts.lines("raw weight bit width per layer, trial "
                        + chosen, "|Bw_hat|", bits, false));
            }
        }
        pairCurves().forEach((bits, series) -> out.put("curve-pair-" + bits.replace('/', '-'), DynamicsCharts.lines(
                "test accuracy per epoch, learned and uniform at " + bits, "test accuracy", series, false)));
        out.put("curve-accuracy", DynamicsCharts.lines("test accuracy per epoch", "test accuracy",
                curves("test_accuracy"), false));
        out.put("curve-bit-budget", DynamicsCharts.lines("bit budget per epoch", "bit budget", curves("bit_budget"),
                true));
        return out;
    }

    /** {@link #trials} for every cost, in name order. */
    public Map<String, List<Row>> trialsByCost() {
        Map<String, List<Row>> out = new LinkedHashMap<>();
        ParetoFront.COSTS.keySet().stream().sorted().forEach(cost -> out.put(cost, trials(cost)));
        return out;
    }

    /** The finished trials of the sweep with {@code on_front} for {@code cost}, cheapest first. */
    public List<Row> trials(String cost) {
        return ParetoFront.trials(spark, sweep, cost, renewal).collectAsList();
    }

    /** A point per trial: labelled with its target (learned) or its bits (uniform). */
    public static Point point(Row r, String cost) {
        boolean uniform = r.getAs("uniform");
        String label = uniform ? r.<String>getAs("init") : r.<String>getAs("target");
        return new Point(label, !uniform, r.<Double>getAs("test_accuracy"), r.<Double>getAs(cost));
    }

    /** The trials' points against {@code cost}, grouped by seed in seed order. */
    static Map<Long, List<Point>> pointsBySeed(List<Row> rows, String cost) {
        Map<Long, List<Point>> bySeed = new TreeMap<>();
        for (Row r : rows) {
            bySeed.computeIfAbsent(r.<Long>getAs("seed"), s -> new ArrayList<>()).add(point(r, cost));
        }
        return bySeed;
    }

    /** Learned against uniform for each seed, then over all seeds pooled in the mean line. */
    public List<FrontComparison.Result> compare(List<Row> rows, String cost) {
        List<FrontComparison.Result> out = new ArrayList<>();
        pointsBySeed(rows, cost).forEach((seed, pts) -> out.add(FrontComparison.compare("seed " + seed, pts)));
        return out;
    }

    /**
     * Learned against uniform at the same bits, per seed ({@link SameBudgetPairs}), with their bit budgets; empty when
     * no pair ran. {@code rows}: {@link #trials}.
     */
    public static List<SameBudgetPairs.Pair> pairs(List<Row> rows) {
        List<SameBudgetPairs.Pair> out = new ArrayList<>();
        pointsBySeed(rows, "bit_budget").forEach((seed, pts) -> out.addAll(SameBudgetPairs.of("seed " + seed, pts)));
        return out;
    }

    /** One line per pair, then how many each arm won. */
    public static List<String> describePairs(List<SameBudgetPairs.Pair> pairs) {
        List<String> lines = new ArrayList<>();
        pairs.forEach(p -> lines.add(p.describe("BB")));
        if (!pairs.isEmpty()) {
            long learned = pairs.stream().filter(p -> p.winner() == SameBudgetPairs.Winner.LEARNED).count();
            long uniform = pairs.stream().filter(p -> p.winner() == SameBudgetPairs.Winner.UNIFORM).count();
            lines.add(String.format(Locale.ROOT, "same-budget pairs: learned won %d, uniform won %d, tied %d (of %d);"
                    + " mean margin %+.2f points", learned, uniform, pairs.size() - learned - uniform, pairs.size(),
                    pairs.stream().mapToDouble(SameBudgetPairs.Pair::marginPoints).average().orElse(0)));
        }
        return lines;
    }

    /** One line per seed and a mean line; empty when the sweep has no learned or no uniform trial. */
    public static List<String> describe(List<FrontComparison.Result> results) {
        List<FrontComparison.Result> both = results.stream()
                .filter(r -> r.uniformPoints() > 0 && r.learnedHypervolume() + r.uniformHypervolume() > 0).toList();
        List<String> lines = new ArrayList<>();
        both.forEach(r -> lines.add(r.describe()));
        if (both.size() > 1) {
            lines.add(String.format(Locale.ROOT, "mean over %d seeds: dominated %.1f/%.1f; hypervolume learned %.4f vs"
                            + " uniform %.4f", both.size(),
                    both.stream().mapToInt(FrontComparison.Result::dominated).average().orElse(0),
                    both.stream().mapToInt(FrontComparison.Result::uniformPoints).average().orElse(0),
                    both.stream().mapToDouble(FrontComparison.Result::learnedHypervolume).average().orElse(0),
                    both.stream().mapToDouble(FrontComparison.Result::uniformHypervolume).average().orElse(0)));
        }
        return lines;
    }

    /** The trials as a terminal table: accuracy in %, bits to 2 decimals, S-ACE in G, energy in µJ per image. */
    public static String table(List<Row> rows, String cost) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %-7s %-6s %5s %8s %16s %7s %8s %9s %s%n",
                "trial", "arm", "bits", "seed", "acc %", "W/S/T", "BB", "S-ACE G", "energy uJ", "front"));
        for (Row r : rows) {
            boolean uniform = r.getAs("uniform");
            sb.append(String.format(Locale.ROOT, "%-16s %-7s %-6s %5d %8.2f %16s %7.2f %8.4f %9.3f %s%n",
                    r.<String>getAs("trial_id"), uniform ? "uniform" : "learned",
                    uniform ? r.<String>getAs("init") : r.<String>getAs("target"), r.<Long>getAs("seed"),
                    100 * r.<Double>getAs("test_accuracy"),
                    String.format(Locale.ROOT, "%.2f/%.2f/%.2f", r.<Double>getAs("weight_bits"),
                            r.<Double>getAs("spike_bits"), r.<Double>getAs("time_steps")),
                    r.<Double>getAs("bit_budget"), r.<Double>getAs("s_ace_g"),
                    r.isNullAt(r.fieldIndex("energy_pj")) ? Double.NaN : r.<Double>getAs("energy_pj") / 1e6,
                    r.<Boolean>getAs("on_front") ? "*" : ""));
        }
        return sb.toString();
    }

    /** The rows as CSV (RFC 4180 quoting), columns {@link #CSV_COLUMNS}. */
    public static byte[] csv(List<Row> rows) {
        return csv(rows, CSV_COLUMNS);
    }

    /** The rows' {@code columns} as CSV with a header, quoted where a field needs it (RFC 4180). */
    public static byte[] csv(List<Row> rows, List<String> columns) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriterSettings settings = new CsvWriterSettings();
        settings.setQuoteEscapingEnabled(true);
        CsvWriter w = new CsvWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), settings);
        w.writeHeaders(columns);
        for (Row r : rows) {
            w.writeRow(columns.stream().map(c -> r.isNullAt(r.fieldIndex(c)) ? null : value(r.getAs(c))).toArray());
        }
        w.close();
        return bytes.toByteArray();
    }

    /** Spark's arrays as {@code [a, b]}; everything else as it prints. */
    private static Object value(Object v) {
        return v instanceof scala.collection.Seq<?> seq ? seq.mkString("[", ", ", "]") : v;
    }

    static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Writes, under {@code out} (any Hadoop URI), per cost {@code <sweep>-pareto-<cost>.csv}, every figure as
     * {@code <sweep>-<figure>.png}, and {@code <sweep>.html} with every table and figure inline; returns the page.
     */
    public Path write(String out) throws IOException {
        Path dir = new Path(out);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.mkdirs(dir);
        Map<String, List<Row>> byCost = trialsByCost();
        Map<String, byte[]> pngs = new LinkedHashMap<>();
        for (Map.Entry<String, Chart<?, ?>> f : figures(byCost).entrySet()) {
            byte[] png = png(f.getValue());
            HadoopFiles.replace(fs, new Path(dir, sweep + "-" + f.getKey() + ".png"), o -> o.write(png));
            pngs.put(f.getKey(), png);
        }
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>sweep "
                + esc(sweep) + "</title><style>body{font-family:sans-serif;max-width:1100px;margin:2em auto}"
                + "pre{background:#f6f6f6;padding:1em;overflow-x:auto}img{max-width:100%;height:auto;display:block;"
                + "margin:1em 0}ul.cmp{line-height:1.5}</style></head><body><h1>"
                + "sweep " + esc(sweep) + "</h1>");
        html.append("<h2>Pareto fronts</h2>");
        for (Map.Entry<String, List<Row>> e : byCost.entrySet()) {
            String cost = e.getKey();
            List<Row> rows = e.getValue();
            HadoopFiles.replace(fs, new Path(dir, sweep + "-pareto-" + cost + ".csv"), o -> o.write(csv(rows)));
            html.append("<h3>accuracy vs ").append(esc(ParetoFront.COSTS.get(cost))).append("</h3>");
            List<String> cmp = new ArrayList<>(cost.equals("bit_budget") ? describePairs(pairs(rows)) : List.of());
            if (cost.equals("bit_budget")) {
                CatchUp.all(pairCurves()).forEach(c -> cmp.add(c.describe()));
            }
            cmp.addAll(describe(compare(rows, cost)));
            if (!cmp.isEmpty()) { // wrapped lines, not a scroll box
                html.append("<ul class=\"cmp\">");
                cmp.forEach(line -> html.append("<li>").append(esc(line)).append("</li>"));
                html.append("</ul>");
            }
            html.append(img(pngs.get("pareto-" + cost))).append("<pre>").append(esc(table(rows, cost)))
                    .append("</pre>");
        }
        html.append("<h2>Where the bits went</h2>");
        pngs.forEach((k, png) -> {
            if (k.startsWith("allocation-") || k.startsWith("energy-")) {
                html.append(img(png));
            }
        });
        html.append("<h2>Training dynamics</h2>");
        pngs.forEach((k, png) -> {
            if (k.startsWith("curve-") || k.startsWith("layer-bits-")) {
                html.append(img(png));
            }
        });
        html.append("</body></html>");
        Path page = new Path(dir, sweep + ".html");
        byte[] bytes = html.toString().getBytes(StandardCharsets.UTF_8);
        HadoopFiles.replace(fs, page, o -> o.write(bytes));
        return fs.makeQualified(page);
    }

    static String img(byte[] png) {
        return "<img alt=\"figure\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

}
