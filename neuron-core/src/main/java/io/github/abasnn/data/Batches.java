package io.github.abasnn.data;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/** Mini-batches whose order depends only on (seed, epoch): what the trainer needs to resume exactly. */
public interface Batches extends DataSetIterator {
    /** Positions at the start of {@code epoch}. */
    void setEpoch(int epoch);

    int batchesPerEpoch();

    /**
     * Batch {@code k} of {@code epoch}: the one iteration would give, built without moving the iteration, so that
     * workers can each build their share of an epoch (data-parallel training).
     */
    DataSet batchAt(int epoch, int k);
}
