package io.github.abasnn.results;

import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import io.github.abasnn.results.FrontComparison.Point;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
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
 * table, a CSV and a PNG of both arms' fronts; for the bit budget, learned against uniform per seed
 * ({@link FrontComparison}). Output goes to any Hadoop file system URI.
 */
public final class SweepReport {
    /** Columns of the per-cost CSV, read by name from {@link ParetoFront#trials}. */
    static final List<String> CSV_COLUMNS = List.of("trial_id", "seed", "uniform", "init", "target", "test_accuracy",
            "weight_bits", "spike_bits", "time_steps", "bit_budget", "s_ace_g", "energy_pj", "on_front");

    private final SparkSession spark;
    private final String sweep;

    public SweepReport(SparkSession spark, ResultStore store, String sweep) {
        this.spark = spark;
        this.sweep = sweep;
        store.registerViews();
    }

    /** The finished trials of the sweep with {@code on_front} for {@code cost}, cheapest first. */
    public List<Row> trials(String cost) {
        return ParetoFront.trials(spark, sweep, cost).collectAsList();
    }

    /** A point per trial: labelled with its target (learned) or its bits (uniform). */
    public static Point point(Row r, String cost) {
        boolean uniform = r.getAs("uniform");
        String label = uniform ? r.<String>getAs("init") : r.<String>getAs("target");
        return new Point(label, !uniform, r.<Double>getAs("test_accuracy"), r.<Double>getAs(cost));
    }

    /** Learned against uniform for each seed, then over all seeds pooled in the mean line. */
    public List<FrontComparison.Result> compare(List<Row> rows, String cost) {
        Map<Long, List<Point>> bySeed = new TreeMap<>();
        for (Row r : rows) {
            bySeed.computeIfAbsent(r.<Long>getAs("seed"), s -> new ArrayList<>()).add(point(r, cost));
        }
        List<FrontComparison.Result> out = new ArrayList<>();
        bySeed.forEach((seed, pts) -> out.add(FrontComparison.compare("seed " + seed, pts)));
        return out;
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CsvWriter w = new CsvWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), new CsvWriterSettings());
        w.writeHeaders(CSV_COLUMNS);
        for (Row r : rows) {
            w.writeRow(CSV_COLUMNS.stream().map(c -> r.isNullAt(r.fieldIndex(c)) ? null : r.getAs(c)).toArray());
        }
        w.close();
        return bytes.toByteArray();
    }

    /** The fronts of both arms against {@code cost}, as PNG bytes. */
    public static byte[] frontPng(List<Row> rows, String cost, String sweep) throws IOException {
        List<Point> points = rows.stream().map(r -> point(r, cost)).toList();
        return png(FrontChart.draw("sweep " + sweep + ": accuracy vs " + ParetoFront.COSTS.get(cost),
                ParetoFront.COSTS.get(cost), points));
    }

    static byte[] png(Chart<?, ?> chart) throws IOException {
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Writes, under {@code out} (any Hadoop URI), per cost {@code <sweep>-pareto-<cost>.csv|png}, and
     * {@code <sweep>.html} with every table and figure inline; returns the HTML page's path.
     */
    public Path write(String out) throws IOException {
        Path dir = new Path(out);
        FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.mkdirs(dir);
        Map<String, byte[]> figures = new LinkedHashMap<>();
        StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>sweep "
                + esc(sweep) + "</title><style>body{font-family:sans-serif;max-width:1000px;margin:2em auto}"
                + "pre{background:#f6f6f6;padding:1em;overflow-x:auto}img{max-width:100%}</style></head><body><h1>"
                + "sweep " + esc(sweep) + "</h1>");
        for (String cost : ParetoFront.COSTS.keySet().stream().sorted().toList()) {
            List<Row> rows = trials(cost);
            byte[] png = frontPng(rows, cost, sweep);
            write(fs, new Path(dir, sweep + "-pareto-" + cost + ".csv"), csv(rows));
            write(fs, new Path(dir, sweep + "-pareto-" + cost + ".png"), png);
            figures.put(cost, png);
            html.append("<h2>accuracy vs ").append(esc(ParetoFront.COSTS.get(cost))).append("</h2>");
            List<String> cmp = describe(compare(rows, cost));
            if (!cmp.isEmpty()) {
                html.append("<pre>").append(esc(String.join("\n", cmp))).append("</pre>");
            }
            html.append(img(png)).append("<pre>").append(esc(table(rows, cost))).append("</pre>");
        }
        html.append("</body></html>");
        Path page = new Path(dir, sweep + ".html");
        write(fs, page, html.toString().getBytes(StandardCharsets.UTF_8));
        return fs.makeQualified(page);
    }

    static String img(byte[] png) {
        return "<img alt=\"figure\" src=\"data:image/png;base64," + Base64.getEncoder().encodeToString(png) + "\">";
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Writes a whole file through a temporary name and a rename, so a reader never sees half of it. */
    static void write(FileSystem fs, Path file, byte[] bytes) throws IOException {
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        try (OutputStream o = fs.create(tmp, true)) {
            o.write(bytes);
        }
        fs.delete(file, false);
        if (!fs.rename(tmp, file)) {
            throw new IOException("could not move " + tmp + " to " + file);
        }
    }
}
