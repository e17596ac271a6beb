package io.github.abasnn.renewal;

import io.github.abasnn.quant.WeightQuantizer;

/**
 * Weight-side renewal (method.md §4, on in the {@code weight} and {@code both} policies): on a change of the rounded
 * weight bit width the step is multiplied by the ratio of the integer ranges, {@code a' = a (qmax' - qmin') /
 * (qmax - qmin)}, as the authors' release renews its weight quantizers. The step moves with the grid, so after a drop
 * the weights are clipped to a much narrower range than before; the learned step then grows back under its gradient.
 * (Keeping the covered range instead, {@code a qmax / qmax'}, was this project's earlier reading and is not the rule.)
 */
public final class WeightRenewal {
    private int oldBit;

    public WeightRenewal(int initBit) {
        this.oldBit = initBit;
    }

    public int oldBit() {
        return oldBit;
    }

    /** The integer range {@code qmax - qmin} of a symmetric weight grid of {@code bits} bits (at least 2: ±1). */
    static int levels(int bits) {
        return 2 * WeightQuantizer.qmax(bits);
    }

    /** Returns the renewed step, or {@code step} when the width did not change. */
    public double observe(int bits, double step) {
        if (bits == oldBit) {
            return step;
        }
        double ratio = (double) levels(bits) / levels(oldBit);
        oldBit = bits;
        return step * ratio;
    }
}
