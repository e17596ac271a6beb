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
        return load(cfg, true);
    }

    /** The training batches alone, the test split never read: what an executor of a data-parallel run needs. */
    public static Batches trainBatches(TrainConfig cfg) {
        return load(cfg, false).train();
    }

    /** @param withTest false leaves {@link #test} null (only {@link #trainBatches} asks for that) */
    private static TrainingData load(TrainConfig cfg, boolean withTest) {
        int testBatch = Math.max(cfg.optimiser().batch(), 100);
        if ("shd".equalsIgnoreCase(cfg.data().dataset())) {
            SpikeBinSet train = ShdReader.read(cfg.data().localDir().resolve("shd_train.h5"), cfg.data().frames(), SHD_SECONDS,
                    cfg.data().trainLimit());
            Batches test = !withTest ? null : new SpikeBinBatches(ShdReader.read(cfg.data().localDir().resolve("shd_test.h5"),
                    cfg.data().frames(), SHD_SECONDS, cfg.data().testLimit()), testBatch, false, cfg.seed());
            return new TrainingData(new SpikeBinBatches(train, cfg.optimiser().batch(), true, cfg.seed()), test, train.size(),
                    train.channels(), 1, 1, train.classes(), cfg.data().frames());
        }
        if (EventDatasets.isEventDataset(cfg.data().dataset())) {
            Framing.Split split = Framing.Split.valueOf(cfg.data().frameSplit().toUpperCase(Locale.ROOT));
            EventFrameSet train = EventDatasets.read(cfg.data().dataset(), cfg.data().localDir(), true, cfg.data().frames(), split,
                    cfg.data().eventPool(), Math.max(cfg.data().trainLimit(), 0));
            Batches test = !withTest ? null : new EventBatches(EventDatasets.read(cfg.data().dataset(), cfg.data().localDir(), false,
                    cfg.data().frames(), split, cfg.data().eventPool(), Math.max(cfg.data().testLimit(), 0)), testBatch, false, cfg.seed(),
                    1f);
            return new TrainingData(new EventBatches(train, cfg.optimiser().batch(), true, cfg.seed(), 1f), test, train.size(), 2,
                    train.height(), train.width(), train.classes(), cfg.data().frames());
        }
        ImageSet train = Datasets.train(cfg.data().dataset(), cfg.data().localDir()).head(cfg.data().trainLimit());
        float[][] stats = ImageBatches.channelStats(train); // test images standardised with the training statistics
        // the paper's CIFAR recipe on 32x32 colour images; crop (pad 2) only on small grey ones
        boolean cifarLike = train.channels() == 3 && train.height() >= 32;
        Augmentation aug = !cfg.data().augment() ? Augmentation.NONE
                : cifarLike ? Augmentation.cifar() : new Augmentation(2, false, 0, false);
        Batches test = !withTest ? null : new ImageBatches(Datasets.test(cfg.data().dataset(), cfg.data().localDir())
                .head(cfg.data().testLimit()), testBatch, false, Augmentation.NONE, cfg.seed(), stats[0], stats[1]);
        return new TrainingData(new ImageBatches(train, cfg.optimiser().batch(), true, aug, cfg.seed(), stats[0], stats[1]), test,
                train.size(), train.channels(), train.height(), train.width(), train.classes(), 0);
    }
}
