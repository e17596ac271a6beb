package io.github.abasnn.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A hook the neuron calls on a training forward, before it quantizes time step {@code t}: it may replace the step
 * size from the quantizer's current input (method.md §4). Implemented by {@code renewal.ActivationRenewal}.
 */
@FunctionalInterface
public interface StepRenewal {
    /** Never renews. */
    StepRenewal NONE = (t, input, bits, step) -> step;

    /**
     * @param t     time step index
     * @param input the quantizer's input (membrane potential), read only, no gradient
     * @param bits  the integer bit width about to be used
     * @param step  the current step size
     * @return the step size to use (the same value when nothing changed)
     */
    double renew(int t, INDArray input, int bits, double step);
}
