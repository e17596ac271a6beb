package io.github.abasnn.loss;

import io.github.abasnn.cost.CostModel;
import io.github.abasnn.cost.EnergyTable;
import io.github.abasnn.quant.BitWidth;
import java.util.ArrayList;
import java.util.List;

/**
 * A cost budget as a differentiable penalty (beyond the paper; {@code docs/method.md} §5b): with {@code C} the cost of
 * the allocation in force and {@code C*} the target, the penalty is {@code lambda |C / C* - 1|}. {@code C} is the cost
 * model's own formula written over the layers' integer widths:
 * <ul>
 *   <li>S-ACE (G): {@code sum_l MACs_l Bw_l sum_{t<T_l} Bs_{l,t} / 1e9}, the first layer at 8 x 8 bits per step;</li>
 *   <li>energy (µJ): {@code sum_l E_add8 MACs_l fr_l sum_{t<T_l} Bs_{l,t} / 1e6}, the first layer one int8 MAC per
 *       MAC and step ({@link CostModel}); weight bits do not enter this energy model.</li>
 * </ul>
 * Its gradient is that of the multilinear relaxation {@code sum_t Bs_t = T mean_t Bs_t} at the integer point
 * ({@code dC/dT = ... mean_t Bs_t}), passed to {@code Bw_hat}, {@code Bs_hat} and {@code T_hat} straight through the
 * rounding exactly as the W/S/T loss is ({@link BitWidth#gradientToHat}); firing rates are constants.
 */
public final class CostLoss implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final CostTarget target;
    private final double lambda;
    private final EnergyTable energy = EnergyTable.HOROWITZ_45NM;

    /** @param lambda the penalty weight (already multiplied by the penalty scale) */
    public CostLoss(CostTarget target, double lambda) {
        this.target = target;
        this.lambda = lambda;
    }

    public CostTarget target() {
        return target;
    }

    /** The cost of real-valued widths and T (the relaxation; at integers it is the cost model's figure). */
    public double relaxedCost(List<LayerCost> layers, double[] weightBits, double[][] spikeBits, double[] time) {
        double c = 0;
        for (int i = 0; i < layers.size(); i++) {
            c += layerCost(layers.get(i), weightBits[i], mean(spikeBits[i]), time[i]);
        }
        return c;
    }

    private double layerCost(LayerCost l, double w, double meanS, double t) {
        if (target.kind() == CostTarget.Kind.SACE) {
            return l.first() ? l.macs() * (double) CostModel.FIRST_LAYER_BITS * CostModel.FIRST_LAYER_BITS * t / 1e9
                    : l.macs() * w * t * meanS / 1e9;
        }
        return l.first() ? energy.int8Mac() * l.macs() * t / 1e6
                : energy.int8Add() * l.macs() * firing(l) * t * meanS / 1e6;
    }

    /** {dC/dBw, dC/dBs_0..T-1, dC/dT} of one layer at real values (the relaxation's partials). */
    public double[] costPartials(LayerCost l, double w, double[] s, double t) {
        double[] g = new double[s.length + 2];
        double meanS = mean(s);
        boolean sace = target.kind() == CostTarget.Kind.SACE;
        if (l.first()) {
            g[s.length + 1] = sace ? l.macs() * (double) CostModel.FIRST_LAYER_BITS * CostModel.FIRST_LAYER_BITS / 1e9
                    : energy.int8Mac() * l.macs() / 1e6;
            return g;
        }
        double k = sace ? l.macs() / 1e9 : energy.int8Add() * l.macs() * firing(l) / 1e6;
        g[0] = sace ? k * t * meanS : 0;
        for (int j = 0; j < s.length; j++) {
            g[1 + j] = (sace ? k * w : k) * t / s.length; // d(t * mean s)/ds_j = t / n
        }
        g[s.length + 1] = (sace ? k * w : k) * meanS;
        return g;
    }

    /** Value and gradients w.r.t. every layer's {@code Bw_hat}, {@code Bs_hat_t} and {@code T_hat}, in input order. */
    public Result evaluate(List<LayerCost> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("cost loss needs at least one layer");
        }
        double cost = 0;
        List<double[]> partials = new ArrayList<>();
        for (LayerCost l : layers) {
            LayerBits b = l.bits();
            int t = b.timeSteps();
            double[] s = toDouble(b.spikeBits());
            double w = b.weightBits();
            cost += layerCost(l, w, mean(s), t);
            partials.add(costPartials(l, w, s, t));
        }
        double value = lambda * Math.abs(cost / target.value() - 1);
        double dC = lambda * Math.signum(cost - target.value()) / target.value();
        List<BitLoss.Gradient> grads = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            LayerBits b = layers.get(i).bits();
            double[] p = partials.get(i);
            int t = b.timeSteps();
            double[] gS = new double[b.tMax()];
            double[] hats = b.spikeBitHats();
            for (int j = 0; j < t; j++) {
                gS[j] = BitWidth.gradientToHat(hats[j], dC * p[1 + j]);
            }
            grads.add(new BitLoss.Gradient(BitWidth.gradientToHat(b.weightBitHat(), dC * p[0]), gS, dC * p[t + 1]));
        }
        return new Result(value, cost, grads);
    }

    /** The smallest cost any allocation reaches: 1-bit weights and spikes, {@code T = 1}, at the given firing. */
    public double minimum(List<LayerCost> layers) {
        double c = 0;
        for (LayerCost l : layers) {
            c += layerCost(l, 1, 1, 1);
        }
        return c;
    }

    private static double firing(LayerCost l) {
        return Double.isNaN(l.firingRate()) ? 0 : l.firingRate();
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double[] toDouble(int[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    /** The penalty, the cost it penalised, and per-layer gradients in input order. */
    public record Result(double value, double cost, List<BitLoss.Gradient> gradients) {}
}
