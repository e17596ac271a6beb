package io.github.abasnn.train;

import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.renewal.RenewalPolicy;
import java.nio.file.Path;

/** The small configurations the training tests run: a width-2 network, learned 4/4/2 towards 2/2/1. */
public final class TinyConfigs {
    private TinyConfigs() {}

    /** ResNet-20 width 2 on Fashion-MNIST-format files in {@code data}, batch 32, renewal may stop after epoch 1. */
    public static TrainConfig resnet(Path data, Path out, int epochs, double penaltyScale, long seed) {
        TrainConfig d = TrainConfig.DEFAULTS;
        return d.withModel(new TrainConfig.Model("resnet20", 2))
                .withData(d.data().withDataDir(data))
                .withBits(new TrainConfig.Bits(4, 4, 2, false, BitTargets.parse("2/2/1"), null, penaltyScale, null,
                        d.bits().costPenalty(), 0))
                .withOptimiser(new TrainConfig.Optimiser(epochs, 32, 0.05, 0.1, 0.01, -1, 0.9, 1e-4))
                .withQuantizers(new TrainConfig.Quantizers(StepGradient.LSQ, RenewalPolicy.ACTIVATION, 1,
                        d.quantizers().calibrationBatches()))
                .withSeed(seed).withOutDir(out);
    }

    /** {@code network} at width {@code width} on event data: {@code frames} frames split by time, no augmentation. */
    public static TrainConfig events(String network, int width, String dataset, Path data, Path out, int epochs,
                                     int batch, int frames) {
        TrainConfig base = resnet(data, out, epochs, 1, 1);
        return base.withModel(new TrainConfig.Model(network, width))
                .withData(new TrainConfig.Data(dataset, data.toString(), false, 0, 0, frames, "time", 1))
                .withOptimiser(new TrainConfig.Optimiser(epochs, batch, 0.05, 0.1, 0.01, -1, 0.9, 1e-4));
    }
}
