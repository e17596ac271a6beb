package io.github.abasnn.data;

import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of an {@link ImageSet} for DL4J: per-channel standardisation, and for training a shuffle and
 * augmentation that depend only on (seed, epoch, batch position), so a resumed run sees exactly the batches an
 * uninterrupted one would. Labels are one-hot.
 */
public final class ImageBatches extends ShuffledBatches {
    private final ImageSet set;
    private final Augmentation augmentation;
    private final float[] mean;
    private final float[] std;

    public ImageBatches(ImageSet set, int batch, boolean train, Augmentation augmentation, long seed,
                        float[] mean, float[] std) {
        super(set.size(), batch, train, seed);
        if (mean.length != set.channels() || std.length != set.channels()) {
            throw new IllegalArgumentException("normalisation needs one mean and std per channel (" + set.channels() + ")");
        }
        this.set = set;
        this.augmentation = augmentation;
        this.mean = mean.clone();
        this.std = std.clone();
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

    /** A pixel value (0..255) as the network sees it: scaled to [0, 1] and standardised with its channel's stats. */
    public static float standardised(float pixel, float mean, float std) {
        return (pixel / 255f - mean) / std;
    }

    /**
     * {@code n} images of channel-major 8-bit pixels as the network's input {@code [n, C, H, W]}, standardised
     * exactly as training batches are (for scoring outside the batch iterators).
     */
    public static INDArray features(byte[] pixels, int n, int channels, int height, int width, float[] mean,
                                    float[] std) {
        int per = channels * height * width;
        int plane = height * width;
        float[] x = new float[n * per];
        for (int i = 0; i < x.length; i++) {
            int ch = (i % per) / plane;
            x[i] = standardised(pixels[i] & 0xff, mean[ch], std[ch]);
        }
        return Nd4j.create(x, new long[] {n, channels, height, width}, 'c');
    }

    @Override
    protected DataSet build(int[] indices, int epoch, int position) {
        int n = indices.length;
        int per = set.pixelsPerImage();
        int plane = set.height() * set.width();
        float[] x = new float[n * per];
        float[] y = new float[n * set.classes()];
        float[] tmp = new float[per];
        Random rng = new Random(seed() * 7_919L + epoch * 1_000_033L + position);
        byte[] p = set.pixels();
        for (int b = 0; b < n; b++) {
            int src = indices[b] * per;
            int dst = b * per;
            for (int i = 0; i < per; i++) {
                x[dst + i] = p[src + i] & 0xff;
            }
            if (training() && augmentation.autoAugment() && set.channels() == 3) {
                AutoAugment.cifar10(x, dst, set.height(), set.width(), rng);
            }
            for (int i = 0; i < per; i++) {
                int ch = i / plane;
                x[dst + i] = standardised(x[dst + i], mean[ch], std[ch]);
            }
            if (training() && !augmentation.isNone()) {
                augmentation.apply(x, dst, set.channels(), set.height(), set.width(), rng, tmp);
            }
            y[b * set.classes() + set.labels()[indices[b]]] = 1f;
        }
        INDArray features = Nd4j.create(x, new long[] {n, set.channels(), set.height(), set.width()}, 'c');
        return new DataSet(features, Nd4j.create(y, new long[] {n, set.classes()}, 'c'));
    }

    @Override
    public int inputColumns() {
        return set.pixelsPerImage();
    }

    @Override
    public int totalOutcomes() {
        return set.classes();
    }
}
