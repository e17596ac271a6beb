package io.github.abasnn.distributed;

import io.github.abasnn.data.Batches;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainingData;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Builds an executor's share of one epoch's mini-batches where it runs: the training split is read once per executor
 * JVM from the (shared) data directory, and batch {@code k} of epoch {@code e} is exactly the one the single-machine
 * trainer would use. Only batch numbers and the configuration ({@link TrainConfig#toJson}) travel from the driver,
 * never pixels.
 */
final class ExecutorBatches implements FlatMapFunction<Iterator<Integer>, DataSet> {
    private static final long serialVersionUID = 1L;
    /** Training batches per distinct trainer configuration, loaded once per JVM. */
    private static final Map<String, Batches> LOADED = new ConcurrentHashMap<>();

    private final String config;
    private final int epoch;

    /** @param config the run's {@link TrainConfig} as JSON */
    ExecutorBatches(String config, int epoch) {
        this.config = config;
        this.epoch = epoch;
    }

    @Override
    public Iterator<DataSet> call(Iterator<Integer> batchNumbers) {
        SparkEpochFitter.useSystemClock(); // this executor's training statistics, next

        Batches train = loaded(config);
        List<DataSet> out = new ArrayList<>();
        while (batchNumbers.hasNext()) {
            out.add(train.batchAt(epoch, batchNumbers.next()));
        }
        return out.iterator();
    }

    /** This JVM's training batches for the configuration {@code config} (JSON), read on first use. */
    static Batches loaded(String config) {
        return LOADED.computeIfAbsent(config,
                k -> TrainingData.trainBatches(LocalData.of(TrainConfig.fromJson(config))));
    }
}
