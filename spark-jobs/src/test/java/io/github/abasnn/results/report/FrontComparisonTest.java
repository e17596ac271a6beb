package io.github.abasnn.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.results.report.FrontComparison.Point;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontComparisonTest {

    static Point learned(String label, double acc, double cost) {
        return new Point(label, true, acc, cost);
    }

    static Point uniform(String label, double acc, double cost) {
        return new Point(label, false, acc, cost);
    }

    @Test
    void aLearnedPointDominatesWithinTheCostMargin() {
        Point u1 = uniform("1/1/1", 0.70, 1);
        assertTrue(FrontComparison.dominates(learned("1/1/1", 0.70, 1.5), u1), "1 + 0.5 bits allowed");
        assertFalse(FrontComparison.dominates(learned("1/1/1", 0.90, 1.51), u1), "just over the margin");
        assertFalse(FrontComparison.dominates(learned("1/1/1", 0.69, 1.0), u1), "less accurate");
        Point u16 = uniform("4/4/1", 0.90, 16);
        assertTrue(FrontComparison.dominates(learned("3/4/1", 0.90, 17.6), u16), "10% of 16 is the larger margin");
        assertFalse(FrontComparison.dominates(learned("3/4/1", 0.90, 17.7), u16));
    }

    @Test
    void countsDominatedUniformPointsAndNamesTheOthers() {
        FrontComparison.Result r = FrontComparison.compare("seed 1", List.of(
                learned("1/1/1", 0.80, 1.2), learned("2/2/1", 0.85, 4.1), uniform("1/1/1", 0.75, 1),
                uniform("2/2/1", 0.84, 4), uniform("4/4/2", 0.90, 32)));
        assertEquals(3, r.uniformPoints());
        assertEquals(2, r.dominated());
        assertEquals(List.of("4/4/2"), r.undominated());
        assertEquals(6, r.refLog2Cost(), 1e-12, "log2 32 + 1");
    }

    @Test
    void hypervolumeIsTheStaircaseAreaUnderTheFront() {
        // costs 2 and 8 (log2 1 and 3), reference log2 cost 4: 0.5 * (3 - 1) + 0.8 * (4 - 3)
        double hv = FrontComparison.hypervolume(List.of(learned("a", 0.5, 2), learned("b", 0.8, 8),
                learned("dominated", 0.4, 4)), 4);
        assertEquals(0.5 * 2 + 0.8 * 1, hv, 1e-12);
        assertEquals(0, FrontComparison.hypervolume(List.of(), 4), 0);
        assertEquals(0, FrontComparison.hypervolume(List.of(learned("beyond", 0.9, 32)), 4), 0, "past the reference");
    }

    @Test
    void aBetterFrontHasTheLargerHypervolume() {
        FrontComparison.Result r = FrontComparison.compare("s", List.of(learned("x", 0.8, 2), learned("y", 0.9, 8),
                uniform("x", 0.7, 2), uniform("y", 0.9, 16)));
        assertTrue(r.learnedHypervolume() > r.uniformHypervolume(), r.describe());
    }

    @Test
    void refusesANonPositiveCostNamingThePoint() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrontComparison.compare("s", List.of(learned("broken", 0.5, 0))));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }
}
