package io.github.abasnn.distributed;

import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/** Counts mini-batch fits wherever the listener runs (in local mode: this JVM). */
public final class CountingListener extends BaseTrainingListener implements java.io.Serializable {
    public static final AtomicInteger FITS = new AtomicInteger();

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        FITS.incrementAndGet();
    }
}
