package io.github.abasnn.train;

/**
 * One quantized layer's learned allocation, as written to {@code result.json}; {@code energyPj} is its energy per
 * image under the run's energy model (NaN before firing was measured, and in files written before it was recorded).
 */
public record LayerReport(String name, String kind, boolean first, long weights, long macs, int weightBits,
                          double weightBitParam, double weightStep, int timeSteps, double timeParam, int[] spikeBits,
                          double[] spikeBitParams, double[] spikeSteps, double firingRate, Double energyPj) {

    public LayerReport {
        energyPj = energyPj == null ? Double.NaN : energyPj;
    }
}
