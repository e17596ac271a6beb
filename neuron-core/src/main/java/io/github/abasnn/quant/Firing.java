package io.github.abasnn.quant;

/**
 * How an unsigned neuron turns its scaled membrane {@code v = m/g} into an integer spike. {@link #ROUND} is the
 * method's rounding shift ({@code floor(v + 0.5)}); {@link #FLOOR} is the plain integrate-and-fire ({@code floor(v)}),
 * kept for the paper's ablation. Signed spikes (first layer) always round.
 */
public enum Firing {
    ROUND,
    FLOOR
}
