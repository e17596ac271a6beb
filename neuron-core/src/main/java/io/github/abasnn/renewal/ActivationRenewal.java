package io.github.abasnn.renewal;

import io.github.abasnn.neuron.StepRenewal;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Activation-side renewal for one neuron: a {@link BitWidthObserver} per time step, plugged into the neuron's
 * forward pass. It can be switched off (by the per-epoch rule) and then never renews again.
 */
public final class ActivationRenewal implements StepRenewal {
    private final BitWidthObserver[] observers;
    private final boolean signed;
    private final RangeSearch search;
    private boolean active = true;

    public ActivationRenewal(int tMax, int initBit, boolean signed, RangeSearch search) {
        this.observers = new BitWidthObserver[tMax];
        for (int t = 0; t < tMax; t++) {
            observers[t] = new BitWidthObserver(initBit);
        }
        this.signed = signed;
        this.search = search;
    }

    @Override
    public double renew(int t, INDArray input, int bits, double step) {
        if (!active) {
            return step;
        }
        return observers[t].observe(input, bits, signed, step, search);
    }

    public BitWidthObserver observer(int t) {
        return observers[t];
    }

    public boolean active() {
        return active;
    }

    /** Turns renewal off for good (method.md §4 switch-off rule). */
    public void switchOff() {
        active = false;
    }
}
