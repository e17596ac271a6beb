package io.github.abasnn.train;

/** One quantized layer's learned allocation, as written to {@code result.json}. */
public record LayerReport(String name, String kind, boolean first, long weights, long macs, int weightBits,
                          double weightBitParam, double weightStep, int timeSteps, double timeParam, int[] spikeBits,
                          double[] spikeBitParams, double[] spikeSteps, double firingRate) {}
