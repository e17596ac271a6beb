package io.github.abasnn.data.events;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of event frames for the time-major networks: features {@code [B, T*2, H, W]} (frames stacked along
 * the channels, as {@code TimeFoldVertex} expects), event counts scaled by {@code 1/scale}; one-hot labels. The
 * training shuffle depends only on (seed, epoch), so resumed runs see the same batches.
 */
public final class EventBatches implements io.github.abasnn.data.Batches {
    private final EventFrameSet set;
    private final int batch;
    private final boolean train;
    private final long seed;
    private final float scale;
    private int epoch;
    private int cursor;
    private int[] order;
    private DataSetPreProcessor preProcessor;

    public EventBatches(EventFrameSet set, int batch, boolean train, long seed, float scale) {
        if (batch < 1 || !(scale > 0)) {
            throw new IllegalArgumentException("batch " + batch + " and count scale " + scale + " must be positive");
        }
        this.set = set;
        this.batch = batch;
        this.train = train;
        this.seed = seed;
        this.scale = scale;
        setEpoch(0);
    }

    @Override
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        this.cursor = 0;
        order = new int[set.size()];
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
        int per = set.bytesPerSample();
        float[] x = new float[n * per];
        float[] y = new float[n * set.classes()];
        for (int b = 0; b < n; b++) {
            int idx = order[cursor + b];
            for (int i = 0; i < per; i++) {
                x[b * per + i] = (set.frames()[idx * per + i] & 0xff) / scale;
            }
            y[b * set.classes() + set.labels()[idx]] = 1f;
        }
        cursor += n;
        INDArray features = Nd4j.create(x, new long[] {n, 2L * set.timeSteps(), set.height(), set.width()}, 'c');
        DataSet ds = new DataSet(features, Nd4j.create(y, new long[] {n, set.classes()}, 'c'));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return set.bytesPerSample();
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

    @Override
    public void reset() {
        setEpoch(train ? epoch + 1 : epoch);
    }

    @Override
    public int batch() {
        return batch;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor p) {
        this.preProcessor = p;
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
