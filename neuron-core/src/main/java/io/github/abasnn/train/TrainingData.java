package io.github.abasnn.train;

import io.github.abasnn.data.Augmentation;
import io.github.abasnn.data.Batches;
import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.ImageBatches;
import io.github.abasnn.data.ImageSet;
import io.github.abasnn.data.events.EventBatches;
import io.github.abasnn.data.events.EventDatasets;
import io.github.abasnn.data.events.EventFrameSet;
import io.github.abasnn.data.events.Framing;
import io.github.abasnn.data.events.ShdReader;
import io.github.abasnn.data.events.SpikeBinBatches;
import io.github.abasnn.data.events.SpikeBinSet;
import java.util.Locale;

/**
 * A run's data, ready for the trainer: training and test batches and the input geometry. Static images come per
 * channel standardised (statistics of the training split); event frames come as counts (T frames of 2 channels).
 *
 * @param frames 0 for static images, else T
 */
public record TrainingData(Batches train, Batches test, int trainSize, int channels, int height, int width, int classes,
                    int frames) {

    /** SHD recordings last up to about 1.4 s; bins cover [0, 1.4 s). */
    static final double SHD_SECONDS = 1.4;

    public static TrainingData load(TrainConfig cfg) {
        if ("shd".equalsIgnoreCase(cfg.dataset())) {
            SpikeBinSet train = ShdReader.read(cfg.dataDir().resolve("shd_train.h5"), cfg.frames(), SHD_SECONDS,
                    cfg.trainLimit());
            SpikeBinSet test = ShdReader.read(cfg.dataDir().resolve("shd_test.h5"), cfg.frames(), SHD_SECONDS,
                    cfg.testLimit());
            return new TrainingData(new SpikeBinBatches(train, cfg.batch(), true, cfg.seed()),
                    new SpikeBinBatches(test, Math.max(cfg.batch(), 100), false, cfg.seed()), train.size(),
                    train.channels(), 1, 1, train.classes(), cfg.frames());
        }
        if (EventDatasets.isEventDataset(cfg.dataset())) {
            Framing.Split split = Framing.Split.valueOf(cfg.frameSplit().toUpperCase(Locale.ROOT));
            EventDatasets.Split data = EventDatasets.load(cfg.dataset(), cfg.dataDir(), cfg.frames(), split,
                    cfg.eventPool(), Math.max(cfg.trainLimit(), 0));
            EventFrameSet train = data.train();
            EventFrameSet test = cfg.testLimit() > 0 && cfg.testLimit() < data.test().size()
                    ? EventDatasets.load(cfg.dataset(), cfg.dataDir(), cfg.frames(), split, cfg.eventPool(),
                            cfg.testLimit()).test()
                    : data.test();
            return new TrainingData(new EventBatches(train, cfg.batch(), true, cfg.seed(), 1f),
                    new EventBatches(test, Math.max(cfg.batch(), 100), false, cfg.seed(), 1f), train.size(), 2,
                    train.height(), train.width(), train.classes(), cfg.frames());
        }
        Datasets.Split data = Datasets.load(cfg.dataset(), cfg.dataDir());
        ImageSet train = data.train().head(cfg.trainLimit());
        ImageSet test = data.test().head(cfg.testLimit());
        float[][] stats = ImageBatches.channelStats(train);
        // the paper's CIFAR recipe on 32x32 colour images; crop (pad 2) only on small grey ones
        boolean cifarLike = train.channels() == 3 && train.height() >= 32;
        Augmentation aug = !cfg.augment() ? Augmentation.NONE
                : cifarLike ? Augmentation.cifar() : new Augmentation(2, false, 0, false);
        return new TrainingData(new ImageBatches(train, cfg.batch(), true, aug, cfg.seed(), stats[0], stats[1]),
                new ImageBatches(test, Math.max(cfg.batch(), 100), false, Augmentation.NONE, cfg.seed(), stats[0],
                        stats[1]), train.size(), train.channels(), train.height(), train.width(), train.classes(), 0);
    }
}
