package io.github.abasnn.data.events;

import io.github.abasnn.data.Batches;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/** Mini-batches of binned spikes for the spike MLP: features {@code [B, T*channels]} (bin-major), one-hot labels. */
public final class SpikeBinBatches implements Batches {
    private final SpikeBinSet set;
    private final int batch;
    private final boolean train;
    private final long seed;
    private int epoch;
    private int cursor;
    private int[] order;
    private DataSetPreProcessor preProcessor;

    public SpikeBinBatches(SpikeBinSet set, int batch, boolean train, long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        this.set = set;
        this.batch = batch;
        this.train = train;
        this.seed = seed;
        setEpoch(0);
    }

    @Override
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        cursor = 0;
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
        int per = set.bins() * set.channels();
        float[] x = new float[n * per];
        float[] y = new float[n * set.classes()];
        for (int b = 0; b < n; b++) {
            int idx = order[cursor + b];
            for (int i = 0; i < per; i++) {
                x[b * per + i] = set.counts()[idx * per + i] & 0xff;
            }
            y[b * set.classes() + set.labels()[idx]] = 1f;
        }
        cursor += n;
        DataSet ds = new DataSet(Nd4j.create(x, new long[] {n, per}, 'c'),
                Nd4j.create(y, new long[] {n, set.classes()}, 'c'));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public int inputColumns() {
        return set.bins() * set.channels();
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
        preProcessor = p;
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
