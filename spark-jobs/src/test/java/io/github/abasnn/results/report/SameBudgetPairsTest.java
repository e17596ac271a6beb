package io.github.abasnn.results.report;

import static io.github.abasnn.results.report.FrontComparisonTest.learned;
import static io.github.abasnn.results.report.FrontComparisonTest.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SameBudgetPairsTest {

    @Test
    void pairsALearnedTargetWithTheUniformTrialAtThoseBitsAndNamesTheWinner() {
        List<SameBudgetPairs.Pair> pairs = SameBudgetPairs.of("seed 1", List.of(
                learned("2/2/1", 0.674, 4.27), uniform("4/4/1", 0.735, 16), uniform("2/2/1", 0.681, 4.0),
                learned("1/1/1", 0.660, 2.06), uniform("1/1/1", 0.632, 2.0), learned("3/4/1", 0.70, 12)));
        assertEquals(2, pairs.size(), "3/4/1 has no uniform twin, 4/4/1 no learned one");
        assertEquals("1/1/1", pairs.get(0).bits());
        assertEquals(SameBudgetPairs.Winner.LEARNED, pairs.get(0).winner());
        assertEquals(2.8, pairs.get(0).marginPoints(), 1e-9);
        assertEquals("seed 1, 1/1/1: learned 66.00% at BB 2.06 vs uniform 63.20% at 2.00: learned wins by 2.80 points",
                pairs.get(0).describe("BB"));
        assertEquals(SameBudgetPairs.Winner.UNIFORM, pairs.get(1).winner(), "a lost pair says so");
        assertEquals("seed 1, 2/2/1: learned 67.40% at BB 4.27 vs uniform 68.10% at 4.00: uniform wins by 0.70 points",
                pairs.get(1).describe("BB"));
        assertEquals(SameBudgetPairs.Winner.TIE, SameBudgetPairs.of("s", List.of(learned("1/1/1", 0.5, 1),
                uniform("1/1/1", 0.5, 1)))
                .get(0).winner());
        SameBudgetPairs.Pair over = SameBudgetPairs.of("s", List.of(learned("1/1/1", 0.68, 2.06),
                uniform("1/1/1", 0.38, 1.0))).get(0);
        assertEquals("s, 1/1/1: learned 68.00% at BB 2.06 vs uniform 38.00% at 1.00: learned wins by 30.00 points (but"
                + " the learned run spent more than that budget: it had not reached its target)", over.describe("BB"));
    }

    @Test
    void theSummaryCountsEachArmsWins() {
        List<String> lines = SweepReport.describePairs(SameBudgetPairs.of("seed 1", List.of(
                learned("1/1/1", 0.66, 2.06), uniform("1/1/1", 0.63, 2.0),
                learned("2/2/1", 0.67, 4.2), uniform("2/2/1", 0.68, 4.0))));
        assertEquals(3, lines.size());
        assertEquals("same-budget pairs: learned won 1, uniform won 1, tied 0 (of 2); mean margin +1.00 points",
                lines.get(2));
    }
}
