package io.github.abasnn.loss;

/**
 * What one layer adds to a cost target: its learnable bits, its MACs per image, and (energy) the firing rate of the
 * current training batch, taken as a constant (no gradient flows through it).
 *
 * @param first the first layer: fixed 8-bit weights and spikes, only its {@code T} is learned
 */
public record LayerCost(boolean first, long macs, double firingRate, LayerBits bits) {
    public LayerCost {
        if (macs < 0) {
            throw new IllegalArgumentException("MACs " + macs + " < 0");
        }
    }
}
