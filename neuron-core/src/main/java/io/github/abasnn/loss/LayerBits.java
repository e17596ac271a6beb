package io.github.abasnn.loss;

import io.github.abasnn.neuron.TimeSteps;
import io.github.abasnn.quant.BitWidth;

/**
 * One layer's learnable bit parameters as the bit loss sees them: real-valued {@code Bw_hat}, {@code Bs_hat} per
 * time step (length {@code T_max}) and {@code T_hat}, their bounds, and the element counts that weight the averages.
 *
 * @param weightCount   {@code Nw}
 * @param inputElements {@code Nf} (the batch cancels in the averages)
 */
public record LayerBits(long weightCount, long inputElements, double weightBitHat, double weightBitBound,
                        double[] spikeBitHats, double spikeBitBound, double tHat, int tMax) {

    public LayerBits {
        spikeBitHats = spikeBitHats.clone();
        if (spikeBitHats.length != tMax) {
            throw new IllegalArgumentException("spike bit parameters: " + spikeBitHats.length + " given, T_max = " + tMax);
        }
    }

    public int weightBits() {
        return BitWidth.effective(weightBitHat, weightBitBound);
    }

    public int timeSteps() {
        return TimeSteps.effective(tHat, tMax);
    }

    /** The integer spike bits of the computed steps {@code t < T}. */
    public int[] spikeBits() {
        int t = timeSteps();
        int[] bits = new int[t];
        for (int i = 0; i < t; i++) {
            bits[i] = BitWidth.effective(spikeBitHats[i], spikeBitBound);
        }
        return bits;
    }

    @Override
    public double[] spikeBitHats() {
        return spikeBitHats.clone();
    }
}
