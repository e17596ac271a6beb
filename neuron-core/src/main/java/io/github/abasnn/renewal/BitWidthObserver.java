package io.github.abasnn.renewal;

import io.github.abasnn.quant.SpikeQuantizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Watches one spike quantizer's integer bit width and renews its step size when the width changes
 * (method.md §4). It keeps the running range of every renewal so a step never forgets earlier data:
 * {@code g = (max(run_max, 0) - min(run_min, 0)) / (qmax - qmin)}.
 */
public final class BitWidthObserver {
    private int oldBit;
    private double runMin;
    private double runMax;

    /** A fresh observer: running range empty ({@code +inf, -inf}). */
    public BitWidthObserver(int initBit) {
        this(initBit, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    /** An observer restored from a checkpoint. */
    public BitWidthObserver(int oldBit, double runMin, double runMax) {
        this.oldBit = oldBit;
        this.runMin = runMin;
        this.runMax = runMax;
    }

    public int oldBit() {
        return oldBit;
    }

    public double runningMin() {
        return runMin;
    }

    public double runningMax() {
        return runMax;
    }

    /** Whether {@code bits} differs from the width last seen. */
    public boolean changed(int bits) {
        return bits != oldBit;
    }

    /**
     * Renews the step when {@code bits} changed; otherwise returns {@code step} unchanged.
     *
     * @param input the quantizer's current input, no gradient
     */
    public double observe(INDArray input, int bits, boolean signed, double step, RangeSearch search) {
        if (!changed(bits)) {
            return step;
        }
        RangeSearch.Range best = search.search(input, bits, signed);
        runMin = Math.min(runMin, best.lo());
        runMax = Math.max(runMax, best.hi());
        oldBit = bits;
        int levels = SpikeQuantizer.qmax(bits, signed) - SpikeQuantizer.qmin(bits, signed);
        return (Math.max(runMax, 0) - Math.min(runMin, 0)) / levels;
    }
}
