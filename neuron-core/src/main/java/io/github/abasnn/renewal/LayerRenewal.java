package io.github.abasnn.renewal;

import io.github.abasnn.quant.StepSize;
import java.util.function.IntFunction;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Step-size renewal of one layer on a training forward (method.md §4), the one place it happens: when a bit width
 * moved since its step size was last fitted, the weight step is rescaled ({@link WeightRenewal}) and each moved spike
 * step is searched anew from its quantizer's current input ({@link BitWidthObserver}, {@link RangeSearch}), as far as
 * the switch-off rule left renewal on. The layer's {@link RenewalState} records what the sizes were fitted to.
 */
public final class LayerRenewal {
    private LayerRenewal() {}

    /**
     * Weight side: the step size to use at {@code bits} (the same {@code step} when the width did not move or
     * weight renewal is off); records the width.
     */
    public static double weightStep(RenewalState state, int bits, double step) {
        int old = state.weightOldBit();
        if (bits == old) {
            return step;
        }
        double renewed = state.weightRenewalOn() ? new WeightRenewal(old).observe(bits, step) : step;
        state.weightOldBit(bits);
        return renewed;
    }

    /**
     * Spike side: renews in place each of the first {@code timeSteps} {@code steps} whose bit width moved, from the
     * membrane potential at that step ({@code membrane.apply(t)}, computed with the steps renewed so far); records
     * the widths and running ranges. Returns which step sizes were renewed.
     */
    public static boolean[] spikeSteps(RenewalState state, int timeSteps, int[] bits, double[] steps, boolean signed,
                                     RangeSearch search, IntFunction<INDArray> membrane) {
        boolean on = state.spikeRenewalOn();
        boolean[] renewed = new boolean[timeSteps];
        for (int t = 0; t < timeSteps; t++) {
            int old = state.oldBit(t);
            if (bits[t] == old) {
                continue;
            }
            if (on) {
                BitWidthObserver observer = new BitWidthObserver(old, state.runningMin(t), state.runningMax(t));
                steps[t] = StepSize.clamp(observer.observe(membrane.apply(t), bits[t], signed, steps[t], search));
                state.range(t, observer.runningMin(), observer.runningMax());
                renewed[t] = true;
            }
            state.oldBit(t, bits[t]);
        }
        return renewed;
    }
}
