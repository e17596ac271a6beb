package io.github.abasnn.gpu;

/**
 * What the op check runs a fixture on: the device, or in the build the host harness of the same element functions.
 * Each call returns {forward output, nonzero spikes per step (as doubles; empty for weights), input gradient, raw
 * gradient sums}, values as the op's precision holds them.
 */
public interface OpBackend {
    /** Whether this backend runs ops in {@code precision} ({@code f64}, {@code f32}). */
    boolean supports(String precision);

    double[][] neuron(OpFixture f);

    double[][] weight(OpFixture f);
}
