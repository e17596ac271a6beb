package io.github.abasnn.distributed;

import io.github.abasnn.data.Batches;
import io.github.abasnn.train.EpochFitter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.api.stats.SparkTrainingStats;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingMasterStats;
import org.deeplearning4j.spark.impl.paramavg.stats.ParameterAveragingTrainingWorkerStats;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.deeplearning4j.spark.stats.EventStats;
import org.deeplearning4j.spark.time.SystemClockTimeSource;
import org.deeplearning4j.spark.time.TimeSourceProvider;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains each epoch data-parallel through dl4j-spark's training masters. The network's listeners (the bit loss)
 * travel to the workers with it; the bit widths, step sizes and T are ordinary parameters, and so is the renewal
 * state (old bit widths, running ranges, switch flags), so parameter averaging keeps all of it consistent across
 * workers. Executors build their share of each epoch's batches themselves ({@link ExecutorBatches}).
 */
public final class SparkEpochFitter implements EpochFitter {
    private static final Logger LOG = LoggerFactory.getLogger(SparkEpochFitter.class);

    private final JavaSparkContext sc;
    private final String[] trainerArgs;
    private final DataParallel settings;
    private final int batch;
    private final long seed;
    private final List<SyncTiming> timings = new ArrayList<>();
    private SparkComputationGraph net;
    private final List<TrainingListener> extraListeners = new ArrayList<>();

    /** Listeners that run on the workers besides the network's own (they must be serializable). */
    public SparkEpochFitter withWorkerListener(TrainingListener l) {
        extraListeners.add(l);
        return this;
    }
    private double[] previous = new double[4];

    /**
     * dl4j-spark's training statistics default to an NTP clock that queries pool.ntp.org and fails the job where
     * there is no internet; only durations are used here, so the local clock is right. Called on the driver and,
     * through {@link ExecutorBatches}, on every executor before it trains.
     */
    static void useSystemClock() {
        if (System.getProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY) == null) {
            System.setProperty(TimeSourceProvider.TIMESOURCE_CLASSNAME_PROPERTY, SystemClockTimeSource.class.getName());
        }
    }

    public SparkEpochFitter(JavaSparkContext sc, String[] trainerArgs, DataParallel settings, int batch, long seed) {
        this.sc = sc;
        this.trainerArgs = trainerArgs.clone();
        this.settings = settings;
        this.batch = batch;
        this.seed = seed;
    }

    /** Where each epoch's time went, in order. */
    public List<SyncTiming> timings() {
        return List.copyOf(timings);
    }

    @Override
    public double fit(ComputationGraph graph, Batches train, int epoch) {
        useSystemClock();
        if (net == null || net.getNetwork() != graph) {
            net = new SparkComputationGraph(sc, graph, master());
            Collection<TrainingListener> listeners = new ArrayList<>(graph.getListeners() == null ? List.of()
                    : graph.getListeners());
            listeners.addAll(extraListeners);
            listeners.add(new io.github.abasnn.nn.BatchNormHelperInstaller()); // the workers' rebuilt networks
            if (listeners != null && !listeners.isEmpty()) {
                net.setListeners(listeners);
            }
            net.setCollectTrainingStats(settings.averaging());
        }
        List<Integer> numbers = IntStream.range(0, train.batchesPerEpoch()).boxed().toList();
        JavaRDD<org.nd4j.linalg.dataset.DataSet> data = sc.parallelize(numbers, settings.workers())
                .mapPartitions(new ExecutorBatches(trainerArgs, epoch));
        sc.setJobGroup("train-epoch-" + (epoch + 1), "data-parallel training, epoch " + (epoch + 1), false);
        long built = System.nanoTime();
        data.persist(StorageLevel.MEMORY_ONLY()); // built once on the executors, not once per averaging split
        data.count();
        org.nd4j.linalg.api.ndarray.INDArray before = graph.params().dup();
        long start = System.nanoTime();
        ComputationGraph trained = net.fit(data);
        double wallMs = (System.nanoTime() - start) / 1e6;
        data.unpersist(false);
        LOG.info("epoch {}: batches built on the executors in {} ms", epoch + 1, (start - built) / 1_000_000);
        if (trained != graph) { // the masters update the driver's network in place; make sure of it
            graph.setParams(trained.params());
        }
        long moved = graph.params().neq(before).castTo(org.nd4j.linalg.api.buffer.DataType.INT64).sumNumber().longValue();
        LOG.debug("epoch {}: {} of {} parameters changed", epoch + 1, moved, before.length());
        if (moved == 0) {
            throw new IllegalStateException("the " + settings.mode() + " training master returned the network"
                    + " unchanged after epoch " + (epoch + 1));
        }
        SyncTiming t = timing(epoch + 1, numbers.size(), wallMs);
        timings.add(t);
        LOG.info("data-parallel {}", t);
        // parameter averaging reports the mean loss of the last averaging round; gradient sharing reports none
        return settings.averaging() ? net.getScore() : Double.NaN;
    }

    private TrainingMaster<?, ?> master() {
        if (settings.averaging()) {
            // (workers, examples per RDD object); batchSizePerWorker would otherwise default to 16 and merge batches
            return new ParameterAveragingTrainingMaster.Builder(settings.workers(), batch)
                    .batchSizePerWorker(batch)
                    .averagingFrequency(settings.averagingFrequency())
                    .workerPrefetchNumBatches(0) // batches are built in memory; no async prefetch thread needed
                    .rddTrainingApproach(RDDTrainingApproach.Direct)
                    .repartionData(Repartition.Never)
                    .storageLevel(StorageLevel.MEMORY_ONLY())
                    .saveUpdater(true) // momentum is averaged too, as one network's would be
                    .rngSeed(seed)
                    .collectTrainingStats(true)
                    .build();
        }
        VoidConfiguration voidConf = VoidConfiguration.builder()
                .unicastPort(settings.sharingPort())
                .controllerAddress(System.getenv().getOrDefault("SPARK_LOCAL_IP", "127.0.0.1"))
                .build();
        return new SharedTrainingMaster.Builder(voidConf, settings.workers(), settings.sharingThreshold(), batch)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartitionData(Repartition.Never)
                .storageLevel(StorageLevel.MEMORY_ONLY()) // the level this fitter already cached the epoch at
                .workersPerNode(1)
                .rngSeed(seed)
                .build();
    }

    /** Wall time of the epoch against the workers' fitting time, from the master's (cumulative) statistics. */
    private SyncTiming timing(int epoch, long steps, double wallMs) {
        SparkTrainingStats stats = net.getSparkTrainingStats();
        if (!(stats instanceof ParameterAveragingTrainingMasterStats m)) {
            return new SyncTiming(epoch, steps, wallMs, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double fitMs = 0;
        SparkTrainingStats w = m.getWorkerStats();
        // a stats object answers for its nested ones too: take the first level that knows the key, once
        while (w != null) {
            if (w.getKeySet().contains(ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_FIT_TIMES_MS)) {
                fitMs = sum(w.getValue(ParameterAveragingTrainingWorkerStats.PARAMETER_AVERAGING_WORKER_FIT_TIMES_MS));
                break;
            }
            w = w.getNestedTrainingStats();
        }
        double[] now = {fitMs / settings.workers(), sum(m.getParameterAveragingMasterBroadcastCreateTimesMs()),
                sum(m.getParamaterAveragingMasterAggregateTimesMs()),
                sum(m.getParameterAveragingMasterProcessParamsUpdaterTimesMs())};
        LOG.debug("worker fit {} ms in total; master: {}", fitMs, m.statsAsString());
        double[] d = new double[now.length];
        for (int i = 0; i < now.length; i++) {
            d[i] = now[i] - previous[i];
        }
        previous = now;
        return new SyncTiming(epoch, steps, wallMs, d[0], d[1], d[2], d[3]);
    }

    private static double sum(List<EventStats> events) {
        return events == null ? 0 : events.stream().mapToLong(EventStats::getDurationMs).sum();
    }
}
