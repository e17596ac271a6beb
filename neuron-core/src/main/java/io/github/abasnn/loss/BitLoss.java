package io.github.abasnn.loss;

import io.github.abasnn.quant.BitWidth;
import java.util.List;

/**
 * The bit penalty added to the cross-entropy (method.md §5):
 * {@code lw |Bw_avg - W| + ls |Bs_avg - S| + lt |T_avg - T|}, with element-weighted averages of the
 * straight-through-rounded widths (first layer excluded by the caller). {@code mean_t Bs} runs over the computed
 * steps {@code t < T}, whose parameters are the ones that get gradient.
 */
public final class BitLoss implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final BitTargets targets;
    private final BitPenalties penalties;

    public BitLoss(BitTargets targets, BitPenalties penalties) {
        this.targets = targets;
        this.penalties = penalties;
    }

    public BitTargets targets() {
        return targets;
    }

    public BitPenalties penalties() {
        return penalties;
    }

    /** Value and gradients w.r.t. every layer's {@code Bw_hat}, {@code Bs_hat_t} and {@code T_hat}. */
    public Result evaluate(List<LayerBits> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("bit loss needs at least one learnable layer");
        }
        double nwSum = 0, nfSum = 0, wNum = 0, sNum = 0, tNum = 0;
        for (LayerBits l : layers) {
            nwSum += l.weightCount();
            nfSum += l.inputElements();
            wNum += (double) l.weightBits() * l.weightCount();
            int[] bits = l.spikeBits();
            double mean = 0;
            for (int b : bits) {
                mean += b;
            }
            sNum += mean / bits.length * l.inputElements();
            tNum += (double) l.timeSteps() * l.inputElements();
        }
        double wAvg = wNum / nwSum, sAvg = sNum / nfSum, tAvg = tNum / nfSum;
        double value = penalties.weight() * Math.abs(wAvg - targets.weightBits())
                + penalties.spike() * Math.abs(sAvg - targets.spikeBits())
                + penalties.time() * Math.abs(tAvg - targets.timeSteps());

        double dW = penalties.weight() * Math.signum(wAvg - targets.weightBits());
        double dS = penalties.spike() * Math.signum(sAvg - targets.spikeBits());
        double dT = penalties.time() * Math.signum(tAvg - targets.timeSteps());
        Gradient[] grads = new Gradient[layers.size()];
        for (int i = 0; i < grads.length; i++) {
            LayerBits l = layers.get(i);
            double wShare = l.weightCount() / nwSum;
            double fShare = l.inputElements() / nfSum;
            double[] gS = new double[l.tMax()];
            int t = l.timeSteps();
            double[] hats = l.spikeBitHats();
            for (int s = 0; s < t; s++) {
                gS[s] = BitWidth.gradientToHat(hats[s], dS * fShare / t);
            }
            grads[i] = new Gradient(BitWidth.gradientToHat(l.weightBitHat(), dW * wShare), gS, dT * fShare);
        }
        return new Result(value, wAvg, sAvg, tAvg, List.of(grads));
    }

    /** Gradients of one layer's bit parameters. */
    public record Gradient(double weightBitHat, double[] spikeBitHats, double tHat) {}

    /** The loss value, the averages it penalised, and per-layer gradients in input order. */
    public record Result(double value, double weightBitsAvg, double spikeBitsAvg, double timeStepsAvg,
                         List<Gradient> gradients) {}
}
