package io.github.abasnn.results.report;

import io.github.abasnn.results.report.FrontComparison.Point;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison the method is for: a learned allocation against uniform quantization at the same budget — a learned
 * trial whose W/S/T target equals a uniform trial's bits, same seed — with the winner named and the margin in
 * accuracy points. A pair the learned arm loses says so.
 */
public final class SameBudgetPairs {
    /** Accuracy differences below this (in points) are called a tie: below one test image in ten thousand. */
    static final double TIE_POINTS = 0.005;

    private SameBudgetPairs() {}

    /** Which arm of a pair was more accurate. */
    public enum Winner { LEARNED, UNIFORM, TIE }

    /**
     * One pair: the bits both arms stand for, the learned and the uniform point (accuracy and cost), in one group.
     */
    public record Pair(String group, String bits, Point learned, Point uniform) {
        /** Learned accuracy minus uniform accuracy, in percentage points. */
        public double marginPoints() {
            return 100 * (learned.accuracy() - uniform.accuracy());
        }

        public Winner winner() {
            double m = marginPoints();
            return Math.abs(m) < TIE_POINTS ? Winner.TIE : m > 0 ? Winner.LEARNED : Winner.UNIFORM;
        }

        public String describe(String costName) {
            String verdict = switch (winner()) {
                case TIE -> "a tie";
                case LEARNED -> String.format(Locale.ROOT, "learned wins by %.2f points", marginPoints());
                case UNIFORM -> String.format(Locale.ROOT, "uniform wins by %.2f points", -marginPoints());
            };
            return String.format(Locale.ROOT, "%s, %s: learned %.2f%% at %s %.2f vs uniform %.2f%% at %.2f: %s%s",
                    group, bits, 100 * learned.accuracy(), costName, learned.cost(), 100 * uniform.accuracy(),
                    uniform.cost(), verdict, overBudget() ? " (but the learned run spent more than that budget: it"
                            + " had not reached its target)" : "");
        }

        /** Whether the learned run ended above the uniform one's cost by more than the dominance margin allows. */
        public boolean overBudget() {
            return !FrontComparison.withinCostMargin(learned.cost(), uniform.cost());
        }
    }

    /** The pairs of one group's points (labels: a learned trial's target, a uniform trial's bits), in label order. */
    public static List<Pair> of(String group, List<Point> points) {
        List<Pair> out = new ArrayList<>();
        points.stream().filter(Point::learned).sorted(java.util.Comparator.comparing(Point::label)).forEach(l ->
                points.stream().filter(u -> !u.learned() && u.label().equals(l.label())).findFirst()
                        .ifPresent(u -> out.add(new Pair(group, l.label(), l, u))));
        return out;
    }
}
