package io.github.abasnn.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The cost penalty's gradient against finite differences of the cost it is the gradient of. */
class CostLossTest {
    /** A first layer and two spike-driven layers with mixed bits, T and firing. */
    static List<LayerCost> layers() {
        return List.of(
                new LayerCost(true, 200_000, 0.9, new LayerBits(432, 3072, 8, 8, new double[] {8, 8, 8}, 8, 2.2, 3)),
                new LayerCost(false, 1_800_000, 0.31, new LayerBits(2304, 8192, 3.3, 6,
                        new double[] {2.4, 1.2, 3.0}, 6, 2.4, 3)),
                new LayerCost(false, 900_000, 0.12, new LayerBits(4608, 4096, 1.6, 6,
                        new double[] {4.1, 2.2, 1.0}, 6, 1.2, 3)));
    }

    @Test
    void gradientsMatchFiniteDifferencesOfTheRelaxedCostForBothKinds() {
        for (CostTarget target : List.of(new CostTarget(CostTarget.Kind.SACE, 0.01, null),
                new CostTarget(CostTarget.Kind.ENERGY, 0.05, CostTarget.HOROWITZ_45NM))) {
            CostLoss loss = new CostLoss(target, 1);
            List<LayerCost> ls = layers();
            int n = ls.size();
            double[] w = new double[n];
            double[][] s = new double[n][];
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                LayerBits b = ls.get(i).bits();
                w[i] = b.weightBits();
                t[i] = b.timeSteps();
                s[i] = java.util.Arrays.stream(b.spikeBits()).asDoubleStream().toArray();
            }
            double h = 1e-4;
            for (int i = 0; i < n; i++) {
                double[] g = loss.costPartials(ls.get(i), w[i], s[i], t[i]);
                double[] wp = w.clone();
                double[] wm = w.clone();
                wp[i] += h;
                wm[i] -= h;
                assertEquals((loss.relaxedCost(ls, wp, s, t) - loss.relaxedCost(ls, wm, s, t)) / (2 * h), g[0],
                        1e-9 + 1e-6 * Math.abs(g[0]), target + " dC/dBw of layer " + i);
                for (int j = 0; j < s[i].length; j++) {
                    double[][] sp = deep(s);
                    double[][] sm = deep(s);
                    sp[i][j] += h;
                    sm[i][j] -= h;
                    double fd = (loss.relaxedCost(ls, w, sp, t) - loss.relaxedCost(ls, w, sm, t)) / (2 * h);
                    assertEquals(fd, ls.get(i).first() ? 0 : g[1 + j], 1e-9 + 1e-6 * Math.abs(fd),
                            target + " dC/dBs_" + j + " of layer " + i);
                }
                double[] tp = t.clone();
                double[] tm = t.clone();
                tp[i] += h;
                tm[i] -= h;
                double fd = (loss.relaxedCost(ls, w, s, tp) - loss.relaxedCost(ls, w, s, tm)) / (2 * h);
                assertEquals(fd, g[s[i].length + 1], 1e-9 + 1e-6 * Math.abs(fd), target + " dC/dT of layer " + i);
            }
        }
    }

    @Test
    void thePenaltyPushesTowardsTheBudgetFromEitherSide() {
        List<LayerCost> ls = layers();
        CostLoss probe = new CostLoss(new CostTarget(CostTarget.Kind.SACE, 1, null), 1);
        double cost = probe.evaluate(ls).cost();
        CostLoss.Result over = new CostLoss(new CostTarget(CostTarget.Kind.SACE, cost / 2, null), 0.5).evaluate(ls);
        assertEquals(0.5 * (cost / (cost / 2) - 1), over.value(), 1e-12);
        // over budget: descending the gradient lowers the widths (positive gradient on Bw_hat of a layer inside range)
        assertTrue(over.gradients().get(1).weightBitHat() > 0);
        assertTrue(over.gradients().get(1).tHat() > 0);
        CostLoss.Result under = new CostLoss(new CostTarget(CostTarget.Kind.SACE, cost * 2, null), 0.5).evaluate(ls);
        assertTrue(under.gradients().get(1).weightBitHat() < 0);
        assertEquals(0, over.gradients().get(0).weightBitHat(), "the first layer keeps its 8 bits");
        CostLoss.Result energy = new CostLoss(new CostTarget(CostTarget.Kind.ENERGY, 1e-9, CostTarget.HOROWITZ_45NM),
                1).evaluate(ls);
        assertEquals(0, energy.gradients().get(2).weightBitHat(), "weight bits do not enter the energy model");
        assertTrue(energy.gradients().get(2).spikeBitHats()[0] > 0);
    }

    @Test
    void theMinimumIsOneBitAtOneStep() {
        List<LayerCost> ls = layers();
        double min = new CostLoss(new CostTarget(CostTarget.Kind.SACE, 1, null), 1).minimum(ls);
        assertEquals((200_000 * 64 + 1_800_000 + 900_000) / 1e9, min, 1e-15);
    }

    @Test
    void badTargetsAreRefusedNamingTheOption() {
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class, () -> CostTarget.of(0.1, 50.0,
                CostTarget.HOROWITZ_45NM));
        assertTrue(both.getMessage().contains("--target-sace and --target-energy"), both.getMessage());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class, () -> CostTarget.of(null, 50.0,
                "tsmc-7nm"));
        assertTrue(model.getMessage().contains("--energy-model 'tsmc-7nm'"), model.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> CostTarget.of(-1.0,
                null, null));
        assertTrue(negative.getMessage().contains("--target-sace"), negative.getMessage());
    }

    private static double[][] deep(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
