package io.github.abasnn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.train.EpochMetrics;
import java.util.List;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class MedianStoppingTest {
    private static List<EpochMetrics> run(double... accuracies) {
        int[] e = {0};
        return DoubleStream.of(accuracies).mapToObj(a -> new EpochMetrics(++e[0], 1, 0, a, 2, 2, 1, 4, 0.1, 0.2, 0.05,
                100, "m", 0.1, true, true, 1, 1, null)).toList();
    }

    private static final List<double[]> FINISHED = List.of(new double[] {0.50, 0.70, 0.80},
            new double[] {0.60, 0.80, 0.90}, new double[] {0.40, 0.60, 0.70});

    @Test
    void stopsATrialWhoseBestIsBelowTheMedianRunningAverage() {
        MedianStopping rule = new MedianStopping(1, 3, FINISHED);
        // running averages after 2 epochs: 0.60, 0.70, 0.50 -> median 0.60
        assertTrue(rule.shouldStop(run(0.40, 0.55)));
        assertFalse(rule.shouldStop(run(0.40, 0.65)), "its best (0.65) beats the median (0.60)");
    }

    @Test
    void neverStopsInTheGraceEpochsOrWithTooFewFinishedTrials() {
        assertFalse(new MedianStopping(2, 3, FINISHED).shouldStop(run(0.0)));
        assertFalse(new MedianStopping(1, 4, FINISHED).shouldStop(run(0.0, 0.0)));
        assertFalse(new MedianStopping(1, 1, List.of()).shouldStop(run(0.0)));
        // trials that never reached this epoch do not count
        assertFalse(new MedianStopping(1, 3, FINISHED).shouldStop(run(0.1, 0.1, 0.1, 0.1)));
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(0.5, MedianStopping.median(List.of(0.7, 0.4, 0.6, 0.2)), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new MedianStopping(0, 3, List.of()));
    }
}
