package io.github.abasnn.data;

import java.util.List;
import java.util.Random;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/**
 * The iteration all the trainer's batch sources share: a per-epoch shuffle that depends only on (seed, epoch) when
 * training (none when evaluating), fixed-size batches, reset to the next epoch. Subclasses build one batch.
 */
public abstract class ShuffledBatches implements Batches {
    private final int size;
    private final int batch;
    private final boolean train;
    private final long seed;
    private int epoch;
    private int cursor;
    private int[] order;
    private DataSetPreProcessor preProcessor;

    protected ShuffledBatches(int size, int batch, boolean train, long seed) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        this.size = size;
        this.batch = batch;
        this.train = train;
        this.seed = seed;
        setEpoch(0);
    }

    /** Builds the batch of the samples {@code indices} (in that order) of epoch {@code epoch}. */
    protected abstract DataSet build(int[] indices, int epoch, int position);

    protected boolean training() {
        return train;
    }

    protected long seed() {
        return seed;
    }

    @Override
    public void setEpoch(int epoch) {
        this.epoch = epoch;
        this.cursor = 0;
        this.order = order(epoch);
    }

    /** The sample order of an epoch: a shuffle seeded by (seed, epoch) when training, else the natural order. */
    private int[] order(int epoch) {
        int[] order = new int[size];
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
        return order;
    }

    @Override
    public DataSet batchAt(int epoch, int k) {
        if (k < 0 || k >= batchesPerEpoch()) {
            throw new IndexOutOfBoundsException("batch " + k + " of " + batchesPerEpoch());
        }
        int[] o = epoch == this.epoch ? order : order(epoch);
        return batch(o, epoch, k * batch, batch);
    }

    /** The (pre-processed) batch of up to {@code n} samples of {@code order} from {@code from}. */
    private DataSet batch(int[] order, int epoch, int from, int n) {
        int to = Math.min(order.length, from + n);
        DataSet ds = build(java.util.Arrays.copyOfRange(order, from, to), epoch, from);
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    public int epoch() {
        return epoch;
    }

    @Override
    public int batchesPerEpoch() {
        return (size + batch - 1) / batch;
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
        DataSet ds = batch(order, epoch, cursor, num);
        cursor = Math.min(order.length, cursor + num);
        return ds;
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
