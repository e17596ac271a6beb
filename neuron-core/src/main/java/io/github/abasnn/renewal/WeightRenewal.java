package io.github.abasnn.renewal;

import io.github.abasnn.quant.WeightQuantizer;

/**
 * Weight-side renewal (ablation variants of method.md §4): on a weight bit change the step is rescaled so the
 * quantizer keeps the range it covered, {@code a' = a (qmax_old - qmin_old) / (qmax_new - qmin_new)}.
 */
public final class WeightRenewal {
    private int oldBit;

    public WeightRenewal(int initBit) {
        this.oldBit = initBit;
    }

    public int oldBit() {
        return oldBit;
    }

    /** Returns the renewed step, or {@code step} when the width did not change. */
    public double observe(int bits, double step) {
        if (bits == oldBit) {
            return step;
        }
        double ratio = (2.0 * WeightQuantizer.qmax(oldBit)) / (2.0 * WeightQuantizer.qmax(bits));
        oldBit = bits;
        return step * ratio;
    }
}
