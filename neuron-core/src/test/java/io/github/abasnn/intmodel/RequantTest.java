package io.github.abasnn.intmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RequantTest {
    @Test
    void integerRescaleMatchesTheRealOneToWithinHalfAUnit() {
        Random rng = new Random(1);
        int f = 20;
        double[][] scale = new double[6][3];
        double[] offset = new double[6];
        for (int c = 0; c < 6; c++) {
            for (int t = 0; t < 3; t++) {
                scale[c][t] = Math.pow(10, -4 + 3 * rng.nextDouble()) * (rng.nextBoolean() ? 1 : -1);
            }
            offset[c] = rng.nextGaussian();
        }
        Requant r = Requant.of(scale, offset, f);
        for (int trial = 0; trial < 2000; trial++) {
            int[][] acc = new int[3][1];
            int c = trial % 6;
            double exact = offset[c];
            double max = Math.max(Math.abs(scale[c][0]), Math.max(Math.abs(scale[c][1]), Math.abs(scale[c][2])));
            double bound = 1.0 / (1 << f); // the output's rounding and the bias's
            for (int t = 0; t < 3; t++) {
                acc[t][0] = rng.nextInt(20_001) - 10_000; // keeps |y| below the format's 2^11
                exact += scale[c][t] * acc[t][0];
                bound += Math.abs(acc[t][0]) * max * Math.pow(2, -30); // a multiplier is rounded to 2^-30 of max
            }
            double got = r.apply(c, acc, 0) / Math.pow(2, f);
            assertEquals(exact, got, bound, "channel " + c);
        }
    }

    @Test
    void resultsBeyondTheFormatSaturate() {
        Requant r = Requant.of(new double[][] {{1.0}}, new double[1], 20);
        assertEquals(Integer.MAX_VALUE, r.apply(0, new int[][] {{5000}}, 0));
        assertEquals(Integer.MIN_VALUE, r.apply(0, new int[][] {{-5000}}, 0));
    }

    @Test
    void aScaleTooLargeForTheFormatIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Requant.of(new double[][] {{1e12}}, new double[1], 20));
    }
}
