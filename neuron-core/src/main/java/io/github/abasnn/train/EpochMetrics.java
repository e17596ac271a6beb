package io.github.abasnn.train;

/**
 * One epoch of a run, as written to {@code metrics.json}. Bit averages and costs are those of the allocation in
 * force at the epoch's end; energy uses {@link #energyModel()}. {@code trainLoss} is the mean of DL4J's score over
 * the epoch's batches: cross-entropy plus the weight-decay term {@code λ/2 Σ w²} (which alone can dominate it:
 * 1.30 of 1.52 in a uniform 4/4/2 ResNet-20 w8 after 5 Fashion-MNIST epochs); the bit loss is {@code bitLoss}.
 * {@code layers} is the per-layer allocation at the epoch's end (how the bits moved); empty in runs written before
 * it was recorded.
 */
public record EpochMetrics(int epoch, double trainLoss, double bitLoss, double testAccuracy, double weightBits,
                           double spikeBits, double timeSteps, double bitBudget, double sAceG, double firingRate,
                           double nsAceG, double energyPj, String energyModel, double learningRate,
                           boolean weightRenewalOn, boolean spikeRenewalOn, double seconds, double imagesPerSecond,
                           java.util.List<LayerReport> layers) {

    public EpochMetrics {
        layers = layers == null ? java.util.List.of() : java.util.List.copyOf(layers);
    }
}
