package io.github.abasnn.train;

/**
 * One epoch of a run, as written to {@code metrics.json}. Bit averages and costs are those of the allocation in
 * force at the epoch's end; energy uses {@link #energyModel()}.
 */
public record EpochMetrics(int epoch, double trainLoss, double bitLoss, double testAccuracy, double weightBits,
                           double spikeBits, double timeSteps, double bitBudget, double sAceG, double firingRate,
                           double nsAceG, double energyPj, String energyModel, double learningRate,
                           boolean weightRenewalOn, boolean spikeRenewalOn, double seconds, double imagesPerSecond) {}
