package io.github.abasnn.neuron;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Gradients of a refined neuron: w.r.t. its input, {@code T_hat}, and every time step's step size and
 * {@code Bs_hat} (length {@code T_max}; steps that were not computed get zero).
 */
public record NeuronGradients(INDArray input, double tHat, double[] steps, double[] bitHats) {}
