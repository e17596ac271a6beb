package io.github.abasnn.intmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.abasnn.kernel.SpikeLevels;
import io.github.abasnn.quant.Firing;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The integer neuron fires exactly the levels of the float neuron (kernel/SpikeLevels) on exact fixed-point input. */
class IntNeuronTest {
    private static final int F = 12;

    @Test
    void levelsEqualTheFloatNeuronIncludingHalfwayTies() {
        Random rng = new Random(7);
        for (boolean signed : new boolean[] {false, true}) {
            for (boolean floor : new boolean[] {false, true}) {
                if (signed && floor) {
                    continue; // signed spikes always round
                }
                for (int bits = 1; bits <= 8; bits++) {
                    int[] g = {1 << F, 3 << (F - 2), 5 << (F - 3)}; // 1, 0.75, 0.625: exact in both formats
                    int[] b = {bits, bits, bits};
                    IntNeuron n = new IntNeuron(signed, floor, b, g);
                    int[] x = new int[4000];
                    for (int i = 0; i < x.length; i++) {
                        // multiples of 1/8 hit the halfway points of every threshold above
                        x[i] = (rng.nextInt(161) - 80) << (F - 3);
                    }
                    byte[][] spikes = new byte[3][x.length];
                    n.fire(x, spikes);
                    for (int i = 0; i < x.length; i++) {
                        double xi = x[i] / (double) (1 << F);
                        double m = xi;
                        for (int t = 0; t < 3; t++) {
                            double step = g[t] / (double) (1 << F);
                            int qmax = n.qmax(t);
                            double level = SpikeLevels.level(m / step, bits, qmax, signed,
                                    floor ? Firing.FLOOR : Firing.ROUND);
                            assertEquals((int) level, spikes[t][i], () -> "x " + xi + " signed " + signed + " floor "
                                    + floor + " bits " + n.bits()[0]);
                            m = m - level * step + xi;
                        }
                    }
                }
            }
        }
    }
}
