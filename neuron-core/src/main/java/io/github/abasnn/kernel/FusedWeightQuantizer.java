package io.github.abasnn.kernel;

import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.quant.StepSize;
import io.github.abasnn.quant.WeightQuantizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-pass CPU form of {@link WeightQuantizer} (method.md §2), same numbers: one loop instead of a dozen ND4J
 * ops per layer and step. Weights are small, so it runs on the calling thread.
 */
public final class FusedWeightQuantizer {
    private static final double LN2 = Math.log(2);

    private FusedWeightQuantizer() {}

    /** Writes the quantized weights of {@code w} into {@code out}. */
    public static void forward(INDArray w, INDArray out, double step, int bits) {
        StepSize.check(step, "weight step size");
        int qmax = WeightQuantizer.qmax(bits);
        Vec wv = Vec.of(w);
        Vec ov = Vec.of(out);
        int n = (int) wv.length();
        for (int i = 0; i < n; i++) {
            ov.set(i, level(wv.get(i) / step, bits, qmax) * step);
        }
    }

    /**
     * Writes {@code dL/dw} into {@code gradW}; returns it with the step (scaled by {@code rule} for {@code w}'s
     * shape) and (integer) bit gradients.
     */
    public static QuantizerGradients backward(INDArray w, INDArray gradOut, INDArray gradW, double step, int bits,
                                              StepGradient rule) {
        int qmax = WeightQuantizer.qmax(bits);
        Vec wv = Vec.of(w);
        Vec gv = Vec.of(gradOut);
        Vec gw = Vec.of(gradW);
        int n = (int) wv.length();
        double stepSum = 0;
        double bitSum = 0;
        for (int i = 0; i < n; i++) {
            double v = wv.get(i) / step;
            double go = gv.get(i);
            if (Math.abs(v) <= qmax) {
                gw.set(i, go);
                stepSum += go * (level(v, bits, qmax) - v);
            } else {
                gw.set(i, 0);
                double sign = Math.signum(v);
                stepSum += go * qmax * sign;
                bitSum += go * sign;
            }
        }
        double gradStep = stepSum * rule.scale(w.shape(), qmax);
        double gradBits = bitSum * LN2 * step * (qmax + (bits > 1 ? 1 : 0));
        return new QuantizerGradients(gradW, gradStep, gradBits);
    }

    /** A weight level is the signed spike level with the weight's {@code qmax} (same narrow range, same rounding). */
    private static double level(double v, int bits, int qmax) {
        return SpikeLevels.level(v, bits, qmax, true, Firing.ROUND);
    }
}
