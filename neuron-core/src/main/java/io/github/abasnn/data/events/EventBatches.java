package io.github.abasnn.data.events;

import io.github.abasnn.data.ShuffledBatches;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mini-batches of event frames for the time-major networks: features {@code [B, T*2, H, W]} (frames stacked along
 * the channels, as {@code TimeFoldVertex} expects), event counts scaled by {@code 1/scale}; one-hot labels.
 */
public final class EventBatches extends ShuffledBatches {
    private final EventFrameSet set;
    private final float scale;

    public EventBatches(EventFrameSet set, int batch, boolean train, long seed, float scale) {
        super(set.size(), batch, train, seed);
        if (!(scale > 0)) {
            throw new IllegalArgumentException("event count scale must be positive, got " + scale);
        }
        this.set = set;
        this.scale = scale;
    }

    @Override
    protected DataSet build(int[] indices, int epoch, int position) {
        int n = indices.length;
        int per = set.bytesPerSample();
        float[] x = new float[n * per];
        float[] y = new float[n * set.classes()];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < per; i++) {
                x[b * per + i] = (set.frames()[indices[b] * per + i] & 0xff) / scale;
            }
            y[b * set.classes() + set.labels()[indices[b]]] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, 2L * set.timeSteps(), set.height(), set.width()}, 'c'),
                Nd4j.create(y, new long[] {n, set.classes()}, 'c'));
    }

    @Override
    public int inputColumns() {
        return set.bytesPerSample();
    }

    @Override
    public int totalOutcomes() {
        return set.classes();
    }
}
