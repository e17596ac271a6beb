package io.github.abasnn.data.events;

import io.github.abasnn.data.ShuffledBatches;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Mini-batches of binned spikes for the spike MLP: features {@code [B, T*channels]} (bin-major), one-hot labels. */
public final class SpikeBinBatches extends ShuffledBatches {
    private final SpikeBinSet set;

    public SpikeBinBatches(SpikeBinSet set, int batch, boolean train, long seed) {
        super(set.size(), batch, train, seed);
        this.set = set;
    }

    @Override
    protected DataSet build(int[] indices, int epoch, int position) {
        int n = indices.length;
        int per = set.bins() * set.channels();
        float[] x = new float[n * per];
        float[] y = new float[n * set.classes()];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < per; i++) {
                x[b * per + i] = set.counts()[indices[b] * per + i] & 0xff;
            }
            y[b * set.classes() + set.labels()[indices[b]]] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, per}, 'c'), Nd4j.create(y, new long[] {n, set.classes()}, 'c'));
    }

    @Override
    public int inputColumns() {
        return set.bins() * set.channels();
    }

    @Override
    public int totalOutcomes() {
        return set.classes();
    }
}
