package io.github.abasnn.results.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Learned allocations against uniform quantization, the way the paper argues its claim (method.md §8): how many
 * uniform points a learned point dominates, and the hypervolume of each arm's front in (accuracy, log2 cost) space.
 *
 * <p>A learned point dominates a uniform one when its accuracy is at least as high at a cost no more than
 * {@link #RELATIVE_MARGIN} or {@link #ABSOLUTE_MARGIN} above the uniform one's, whichever is larger: a learned 1/1/1
 * run cannot land on a bit budget of exactly 1, so an exact comparison would make the cheapest point undominatable.
 * The hypervolume is the area dominated by a front between it and a reference point (accuracy 0, the largest log2
 * cost of either arm plus one), the same for both arms, so the two areas compare directly.
 */
public final class FrontComparison {
    public static final double RELATIVE_MARGIN = 0.10;
    public static final double ABSOLUTE_MARGIN = 0.5;

    /** One trained network: a label for plots (target or init), whether its bits were learned, accuracy and cost. */
    public record Point(String label, boolean learned, double accuracy, double cost) {}

    /**
     * The comparison of one group of trials (one seed).
     *
     * @param undominated labels of the uniform points no learned point dominates
     * @param refLog2Cost the hypervolumes' reference cost (log2)
     */
    public record Result(String group, int uniformPoints, int dominated, List<String> undominated,
                         double learnedHypervolume, double uniformHypervolume, double refLog2Cost) {
        public String describe() {
            return String.format(Locale.ROOT, "%s: uniform points dominated by a learned one %d/%d%s; hypervolume"
                            + " (accuracy x log2 cost, reference (0, %.2f)) learned %.4f vs uniform %.4f",
                    group, dominated, uniformPoints, undominated.isEmpty() ? "" : " (not: " + String.join(", ",
                            undominated) + ")", refLog2Cost, learnedHypervolume, uniformHypervolume);
        }
    }

    private FrontComparison() {}

    /** Whether learned point {@code l} dominates uniform point {@code u} under the margin rule. */
    public static boolean dominates(Point l, Point u) {
        return l.accuracy() >= u.accuracy() && withinCostMargin(l.cost(), u.cost());
    }

    /** Whether {@code cost} is at most the margin rule's allowance above {@code reference}. */
    public static boolean withinCostMargin(double cost, double reference) {
        return cost <= Math.max(reference * (1 + RELATIVE_MARGIN), reference + ABSOLUTE_MARGIN);
    }

    /** Compares the learned and uniform points of one group (their costs must be positive). */
    public static Result compare(String group, List<Point> points) {
        List<Point> learned = points.stream().filter(Point::learned).toList();
        List<Point> uniform = points.stream().filter(p -> !p.learned()).toList();
        for (Point p : points) {
            if (!(p.cost() > 0) || Double.isNaN(p.accuracy())) {
                throw new IllegalArgumentException(group + ": point " + p.label() + " has cost " + p.cost()
                        + " and accuracy " + p.accuracy() + "; costs must be positive");
            }
        }
        int dominated = 0;
        List<String> undominated = new ArrayList<>();
        for (Point u : uniform) {
            if (learned.stream().anyMatch(l -> dominates(l, u))) {
                dominated++;
            } else {
                undominated.add(u.label());
            }
        }
        double ref = points.stream().mapToDouble(p -> log2(p.cost())).max().orElse(0) + 1;
        return new Result(group, uniform.size(), dominated, undominated, hypervolume(learned, ref),
                hypervolume(uniform, ref), ref);
    }

    /**
     * Area dominated by {@code points} (accuracy up, log2 cost down) above accuracy 0 and left of {@code refLog2Cost}:
     * the staircase through the front, swept in order of cost.
     */
    public static double hypervolume(List<Point> points, double refLog2Cost) {
        List<Point> sorted = points.stream().filter(p -> log2(p.cost()) < refLog2Cost)
                .sorted(Comparator.comparingDouble(Point::cost)).toList();
        double area = 0;
        double best = 0;
        for (int i = 0; i < sorted.size(); i++) {
            best = Math.max(best, sorted.get(i).accuracy());
            double next = i + 1 < sorted.size() ? log2(sorted.get(i + 1).cost()) : refLog2Cost;
            area += (next - log2(sorted.get(i).cost())) * best;
        }
        return area;
    }

    static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
