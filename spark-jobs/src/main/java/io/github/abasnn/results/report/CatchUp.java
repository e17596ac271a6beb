package io.github.abasnn.results.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a learned arm catches up with the uniform arm at the same bits and seed: the first epoch from which its test
 * accuracy stays at or above the uniform run's to the end. A learned run starts from a wider allocation and spends
 * its first epochs descending, so it trails early; the question a longer regime answers is when it stops trailing.
 *
 * @param pair   the bits and seed, as the curves name them
 * @param from   the catch-up epoch; null when the learned arm ends below the uniform one
 * @param epochs epochs both runs recorded
 * @param finalMargin learned minus uniform accuracy at the last common epoch, in points
 * @param aheadAt epochs at which the learned arm was ahead before it fell back (when it did not catch up)
 */
public record CatchUp(String pair, Integer from, int epochs, double finalMargin, List<Integer> aheadAt) {

    /**
     * The catch-up of {@code learned} ({epochs, accuracies}) on {@code uniform}, over the epochs both have; null when
     * they share none.
     */
    public static CatchUp of(String pair, double[][] learned, double[][] uniform) {
        Map<Integer, Double> u = new TreeMap<>();
        for (int i = 0; i < uniform[0].length; i++) {
            u.put((int) uniform[0][i], uniform[1][i]);
        }
        TreeMap<Integer, Double> margin = new TreeMap<>();
        for (int i = 0; i < learned[0].length; i++) {
            Double other = u.get((int) learned[0][i]);
            if (other != null) {
                margin.put((int) learned[0][i], 100 * (learned[1][i] - other));
            }
        }
        if (margin.isEmpty()) {
            return null;
        }
        Integer from = null;
        for (Integer e : margin.descendingKeySet()) {
            if (margin.get(e) < 0) {
                break;
            }
            from = e;
        }
        List<Integer> ahead = new ArrayList<>();
        if (from == null) {
            margin.forEach((e, m) -> {
                if (m >= 0) {
                    ahead.add(e);
                }
            });
        }
        return new CatchUp(pair, from, margin.size(), margin.lastEntry().getValue(), List.copyOf(ahead));
    }

    /** Every pair of {@code curves} ({@link SweepReport#pairCurves}): each learned series against the same seed's uniform. */
    public static List<CatchUp> all(Map<String, Map<String, double[][]>> curves) {
        List<CatchUp> out = new ArrayList<>();
        curves.forEach((bits, series) -> series.forEach((name, xy) -> {
            if (name.startsWith("learned ")) {
                String seed = name.split(" ")[1];
                double[][] uniform = series.get("uniform " + seed);
                CatchUp c = uniform == null ? null : of(bits + " " + name.substring("learned ".length()), xy, uniform);
                if (c != null) {
                    out.add(c);
                }
            }
        }));
        return out;
    }

    public String describe() {
        if (from != null) {
            return String.format(Locale.ROOT, "%s: learned at or above uniform from epoch %d of %d on (final margin"
                    + " %+.2f points)", pair, from, epochs, finalMargin);
        }
        return String.format(Locale.ROOT, "%s: learned below uniform at the end (final margin %+.2f points; %s)", pair,
                finalMargin, aheadAt.isEmpty() ? "never ahead" : "ahead at epochs " + aheadAt);
    }
}
