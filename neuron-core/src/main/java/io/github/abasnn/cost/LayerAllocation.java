package io.github.abasnn.cost;

import java.util.Arrays;

/**
 * What one layer learned and how it fired: the integer weight bits, the integer spike bits of each computed time
 * step (length {@code T}), and optionally the spike counts that give its firing rate.
 *
 * @param first         the first layer: fixed 8-bit weights and spikes, excluded from the averages
 * @param spikeSlots    elements times time steps observed (0 when firing was not measured)
 * @param nonzeroSpikes nonzero spikes among those slots
 */
public record LayerAllocation(String name, LayerShape shape, boolean first, int weightBits, int[] spikeBits,
                              long spikeSlots, long nonzeroSpikes) {

    public LayerAllocation {
        if (weightBits < 1) {
            throw new IllegalArgumentException("layer " + name + ": weight bits " + weightBits + " < 1");
        }
        if (spikeBits == null || spikeBits.length < 1) {
            throw new IllegalArgumentException("layer " + name + ": needs spike bits for at least one time step");
        }
        for (int b : spikeBits) {
            if (b < 1) {
                throw new IllegalArgumentException("layer " + name + ": spike bits " + b + " < 1");
            }
        }
        if (spikeSlots < 0 || nonzeroSpikes < 0 || nonzeroSpikes > spikeSlots) {
            throw new IllegalArgumentException("layer " + name + ": nonzero spikes " + nonzeroSpikes
                    + " must lie in [0, spike slots " + spikeSlots + "]");
        }
        spikeBits = spikeBits.clone();
    }

    /** An allocation whose firing was not measured. */
    public static LayerAllocation of(String name, LayerShape shape, boolean first, int weightBits, int... spikeBits) {
        return new LayerAllocation(name, shape, first, weightBits, spikeBits, 0, 0);
    }

    /** The same allocation with measured spike counts. */
    public LayerAllocation withFiring(long slots, long nonzero) {
        return new LayerAllocation(name, shape, first, weightBits, spikeBits, slots, nonzero);
    }

    /** Number of time steps {@code T}. */
    public int timeSteps() {
        return spikeBits.length;
    }

    /** {@code sum_{t<T} Bs_t}. */
    public int spikeBitSum() {
        return Arrays.stream(spikeBits).sum();
    }

    /** {@code mean_t Bs_t}. */
    public double meanSpikeBits() {
        return (double) spikeBitSum() / spikeBits.length;
    }

    /** Nonzero spikes over slots, NaN when not measured. */
    public double firingRate() {
        return spikeSlots == 0 ? Double.NaN : (double) nonzeroSpikes / spikeSlots;
    }

    @Override
    public int[] spikeBits() {
        return spikeBits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerAllocation a && name.equals(a.name) && shape.equals(a.shape) && first == a.first
                && weightBits == a.weightBits && Arrays.equals(spikeBits, a.spikeBits)
                && spikeSlots == a.spikeSlots && nonzeroSpikes == a.nonzeroSpikes;
    }

    @Override
    public int hashCode() {
        return 31 * java.util.Objects.hash(name, shape, first, weightBits, spikeSlots, nonzeroSpikes)
                + Arrays.hashCode(spikeBits);
    }

    @Override
    public String toString() {
        return "LayerAllocation[" + name + ", W" + weightBits + ", S" + Arrays.toString(spikeBits) + ", T"
                + timeSteps() + (first ? ", first" : "") + "]";
    }
}
