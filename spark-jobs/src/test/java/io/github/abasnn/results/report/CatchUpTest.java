package io.github.abasnn.results.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The epoch from which a learned arm stays at or above the uniform arm at the same bits and seed. */
class CatchUpTest {
    private static double[][] curve(double... acc) {
        double[][] xy = new double[2][acc.length];
        for (int i = 0; i < acc.length; i++) {
            xy[0][i] = i + 1;
            xy[1][i] = acc[i];
        }
        return xy;
    }

    @Test
    void theCatchUpEpochIsWhereTheLearnedArmStopsTrailingForGood() {
        CatchUp c = CatchUp.of("2/2/1 s1", curve(0.50, 0.72, 0.69, 0.80, 0.82), curve(0.60, 0.70, 0.75, 0.78, 0.81));
        assertEquals(4, c.from(), "ahead at epoch 2 but behind again at 3: caught up at 4");
        assertEquals(5, c.epochs());
        assertEquals(1.0, c.finalMargin(), 1e-9);
        assertTrue(c.describe().contains("from epoch 4 of 5"), c.describe());
    }

    @Test
    void aLearnedArmThatEndsBelowSaysWhereItWasAhead() {
        CatchUp c = CatchUp.of("2/2/2 s1", curve(0.70, 0.75, 0.79), curve(0.71, 0.74, 0.80));
        assertNull(c.from());
        assertEquals(List.of(2), c.aheadAt());
        assertTrue(c.describe().contains("below uniform at the end (final margin -1.00 points; ahead at epochs [2])"),
                c.describe());
        assertEquals(1, CatchUp.of("x", curve(0.5), curve(0.5)).from(), "a tie counts as caught up");
    }

    @Test
    void everyLearnedSeriesIsPairedWithTheSameSeedsUniformOne() {
        Map<String, double[][]> series = new LinkedHashMap<>();
        series.put("learned s1 activation", curve(0.6, 0.8));
        series.put("learned s1 both", curve(0.6, 0.7));
        series.put("learned s2 activation", curve(0.6, 0.8)); // no uniform s2: no pair
        series.put("uniform s1", curve(0.7, 0.75));
        List<CatchUp> all = CatchUp.all(Map.of("2/2/1", series));
        assertEquals(2, all.size());
        assertEquals("2/2/1 s1 activation", all.get(0).pair());
        assertEquals(2, all.get(0).from());
        assertNull(all.get(1).from());
        assertNull(CatchUp.of("none", new double[][] {{3}, {0.5}}, new double[][] {{1}, {0.5}}), "no common epoch");
    }
}
