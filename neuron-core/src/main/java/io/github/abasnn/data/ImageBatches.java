package io.github.abasnn.data;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of an {@link ImageSet} for DL4J: per-channel standardisation, and for training a shuffle and
 * augmentation that depend only on (seed, epoch, batch index), so a resumed run sees exactly the batches an
 * uninterrupted one would. Labels are one-hot.
 */
public final class ImageBatches implements Batches {
    private final ImageSet set;
    private final int batch;
    private final boolean train;
    private final Augmentation augmentation;
    private final long seed;
    private final float[] mean;
    private final float[] std;
    private int epoch;
    private int cursor;
    private int[] order;
    private DataSetPreProcessor preProcessor;

    public ImageBatches(ImageSet set, int batch, boolean train, Augmentation augmentation, long seed,
                        float[] mean, float[] std) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        if (mean.length != set.channels() || std.length != set.channels()) {
            throw new IllegalArgumentException("normalisation needs one mean and std per channel (" + set.channels() + ")");
        }
        this.set = set;
        this.batch = batch;
        this.train = train;
        this.augmentation = augmentation;
        this.seed = seed;
        this.mean = mean.clone();
        this.std = std.clone();
        setEpoch(0);
    }

    /** Per-channel mean and standard deviation of pixel values in [0, 1]. */
    public static float[][] channelStats(ImageSet set) {
        int c = set.channels();
        int plane = set.height() * set.width();
        double[] sum = new double[c];
        double[] sq = new double[c];
        byte[] p = set.pixels();
        for (int i = 0; i < p.length; i++) {
            int ch = (i / plane) % c;
            double v = (p[i] & 0xff) / 255.0;
            sum[ch] += v;
            sq[ch] += v * v;
        }
        float[] mean = new float[c];
        float[] std = new float[c];
        double n = (double) set.size() * plane;
        for (int ch = 0; ch < c; ch++) {
            mean[ch] = (float) (sum[ch] / n);
            std[ch] = (float) Math.sqrt(Math.max(sq[ch] / n - mean[ch] * (double) mean[ch], 1e-12));
        }
        return new float[][] {mean, std};
    }

    /** Positions the iterator at the start of {@code epoch} (shuffle of that epoch). */
    @Override
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        this.cursor = 0;
        this.order = new int[set.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        if (train) {
            Random rng = new Random(seed * 1_000_003L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }

    public int epoch() {
        return epoch;
    }

    /** Number of batches per epoch (the last may be smaller). */
    @Override
    public int batchesPerEpoch() {
        return (set.size() + batch - 1) / batch;
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        return next(batch);
    }

    @Override
    public DataSet next(int num) {
        int n = Math.min(num, order.length - cursor);
        int per = set.pixelsPerImage();
        int plane = set.height() * set.width();
        float[] x = new float[n * per];
        float[] y = new float[n * set.classes()];
        float[] tmp = new float[per];
        Random rng = new Random(seed * 7_919L + epoch * 1_000_033L + cursor);
        byte[] p = set.pixels();
        for (int b = 0; b < n; b++) {
            int idx = order[cursor + b];
            int src = idx * per;
            int dst = b * per;
            for (int i = 0; i < per; i++) {
                x[dst + i] = p[src + i] & 0xff;
            }
            if (train && augmentation.autoAugment() && set.channels() == 3) {
                AutoAugment.cifar10(x, dst, set.height(), set.width(), rng);
            }
            for (int i = 0; i < per; i++) {
                int ch = i / plane;
                x[dst + i] = (x[dst + i] / 255f - mean[ch]) / std[ch];
            }
            if (train && !augmentation.isNone()) {
                augmentation.apply(x, dst, set.channels(), set.height(), set.width(), rng, tmp);
            }
            y[b * set.classes() + set.labels()[idx]] = 1f;
        }
        cursor += n;
        INDArray features = Nd4j.create(x, new long[] {n, set.channels(), set.height(), set.width()}, 'c');
        INDArray labels = Nd4j.create(y, new long[] {n, set.classes()}, 'c');
        DataSet ds = new DataSet(features.castTo(DataType.FLOAT), labels);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return set.pixelsPerImage();
    }

    @Override
    public int totalOutcomes() {
        return set.classes();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Starts the next epoch (training) or the same pass again (evaluation). */
    @Override
    public void reset() {
        setEpoch(train ? epoch + 1 : epoch);
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
