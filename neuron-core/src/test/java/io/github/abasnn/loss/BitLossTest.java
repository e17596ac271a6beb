package io.github.abasnn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BitLossTest {

    @Test
    void penalisesAbsoluteDeviationOfWeightedAverages() {
        // layer A: Nw 100, Nf 300, W 4, S (3, 5) over T 2; layer B: Nw 300, Nf 100, W 2, S (1) over T 1
        LayerBits a = new LayerBits(100, 300, 3.7, 6, new double[] {3.2, 4.6, 2.0}, 6, 2.2, 3);
        LayerBits b = new LayerBits(300, 100, 2.1, 6, new double[] {1.4, 5.0, 5.0}, 6, 0.8, 3);
        BitLoss loss = new BitLoss(BitTargets.parse("2/2/1"), new BitPenalties(0.04, 0.04, 0.01));
        BitLoss.Result r = loss.evaluate(List.of(a, b));
        double w = (4.0 * 100 + 2.0 * 300) / 400;   // 2.5
        double s = (4.0 * 300 + 1.0 * 100) / 400;   // 3.25
        double t = (2.0 * 300 + 1.0 * 100) / 400;   // 1.75
        assertEquals(w, r.weightBitsAvg(), 1e-15);
        assertEquals(s, r.spikeBitsAvg(), 1e-15);
        assertEquals(t, r.timeStepsAvg(), 1e-15);
        assertEquals(0.04 * 0.5 + 0.04 * 1.25 + 0.01 * 0.75, r.value(), 1e-15);

        BitLoss.Gradient ga = r.gradients().get(0);
        assertEquals(0.04 * 100 / 400, ga.weightBitHat(), 1e-15);
        assertArrayEquals(new double[] {0.04 * 0.75 / 2, 0.04 * 0.75 / 2, 0}, ga.spikeBitHats(), 1e-15);
        assertEquals(0.01 * 0.75, ga.tHat(), 1e-15);
        BitLoss.Gradient gb = r.gradients().get(1);
        assertArrayEquals(new double[] {0.04 * 0.25, 0, 0}, gb.spikeBitHats(), 1e-15, "only computed steps");
    }

    @Test
    void atTheTargetTheGradientVanishes() {
        LayerBits l = new LayerBits(10, 10, 2, 6, new double[] {2, 2}, 6, 1, 2);
        BitLoss.Result r = new BitLoss(BitTargets.parse("2/2/1"), new BitPenalties(1, 1, 1)).evaluate(List.of(l));
        assertEquals(0, r.value());
        assertEquals(0, r.gradients().get(0).weightBitHat());
    }

    @Test
    void defaultPenaltiesDependOnTheTarget() {
        assertEquals(new BitPenalties(0.04, 0.04, 0.01), BitPenalties.defaultsFor(BitTargets.parse("2/4/1")));
        assertEquals(new BitPenalties(0.01, 0.02, 0.01), BitPenalties.defaultsFor(BitTargets.parse("3/4/1")));
        assertEquals(new BitPenalties(2.0, 2.0, 0.5), new BitPenalties(0.04, 0.04, 0.01).scaled(50));
    }

    @Test
    void badTargetsNameThePart() {
        IllegalArgumentException form = assertThrows(IllegalArgumentException.class, () -> BitTargets.parse("2/2"));
        assertTrue(form.getMessage().contains("W/S/T"), form.getMessage());
        IllegalArgumentException part = assertThrows(IllegalArgumentException.class, () -> BitTargets.parse("2/x/1"));
        assertTrue(part.getMessage().contains("S = 'x'"), part.getMessage());
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> BitTargets.parse("0.5/2/1"));
        assertTrue(low.getMessage().contains("0.5"), low.getMessage());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> BitTargets.parse("7/2/1").checkReachable(6, 6, 3));
        assertTrue(high.getMessage().contains("W = 7"), high.getMessage());
        assertEquals("3/4/1", BitTargets.parse(" 3/4/1 ").toString());
    }
}
