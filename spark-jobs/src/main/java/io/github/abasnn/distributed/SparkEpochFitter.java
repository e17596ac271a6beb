package io.github.abasnn.distributed;

import io.github.abasnn.train.TrainConfig;

import io.github.abasnn.data.Batches;
import io.github.abasnn.train.EpochFitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.deeplearning4j.spark.time.SystemClockTimeSource;
import org.deeplearning4j.spark.time.TimeSourceProvider;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.reflect.ClassTag$;

/**
 * Trains each epoch data-parallel on the executors. {@code averaging}: one barrier stage per epoch whose tasks keep
 * their network for the whole epoch and average every parameter and the updater state among themselves every
 * {@code averagingFrequency} steps ({@link AveragingTask}); the bit widths, step sizes and T are ordinary parameters,
 * and so is the renewal state (old bit widths, running ranges, switch flags), so averaging keeps all of it consistent
 * across workers. {@code sharing}: dl4j-spark's SharedTrainingMaster. The network's listeners (the bit loss) run on the
 * workers; executors build their share of each epoch's batches themselves ({@link ExecutorBatches}).
 */
public final class SparkEpochFitter implements EpochFitter {
    private static final Logger LOG = LoggerFactory.getLogger(SparkEpochFitter.class);
    /** The driver port the averaging workers connect to; any free one by default (set it where firewalls need). */
    public static final String HUB_PORT = "spark.abasnn.averaging.port";
    static final int SLOT_WAIT_SECONDS = 120;
    /** Tries at an averaging epoch when a worker fails (an executor lost): Spark does not re-run a barrier stage whose
     *  results go straight to the driver, so the fitter does, from the epoch's start (the driver's network is
     *  untouched until an epoch succeeds). */
    static final int EPOCH_ATTEMPTS = 3;

    private final JavaSparkContext sc;
    /** The run's configuration as JSON, what the executors receive. */
    private final String config;
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

    /**
     * @param config the run's configuration: the executors read their batches by it; its batch size and seed are the
     *               ones the workers train with
     */
    public SparkEpochFitter(JavaSparkContext sc, TrainConfig config, DataParallel settings) {
        this.sc = sc;
        this.config = config.toJson();
        this.settings = settings;
        this.batch = config.optimiser().batch();
        this.seed = config.seed();
    }

    /** Where each epoch's time went, in order. */
    public List<SyncTiming> timings() {
        return List.copyOf(timings);
    }

    @Override
    public double fit(ComputationGraph graph, Batches train, int epoch) {
        INDArray before = graph.params().dup();
        double loss = settings.averaging() ? average(graph, train, epoch) : share(graph, train, epoch);
        long moved = graph.params().neq(before).castTo(DataType.INT64).sumNumber().longValue();
        LOG.debug("epoch {}: {} of {} parameters changed", epoch + 1, moved, before.length());
        if (moved == 0) {
            throw new IllegalStateException("data-parallel " + settings.mode() + " returned the network unchanged after"
                    + " epoch " + (epoch + 1));
        }
        LOG.info("data-parallel {}", timings.get(timings.size() - 1));
        return loss;
    }

    /** Parameter averaging in one barrier stage; the driver's network takes the tasks' final average. */
    private double average(ComputationGraph graph, Batches train, int epoch) {
        List<Integer> numbers = IntStream.range(0, train.batchesPerEpoch()).boxed().toList();
        awaitSlots();
        Broadcast<ModelSnapshot> model = sc.broadcast(ModelSnapshot.of(graph));
        if (timings.isEmpty()) {
            prepareExecutors(model);
        }
        sc.setJobGroup("train-epoch-" + (epoch + 1), "data-parallel training, epoch " + (epoch + 1), false);
        long start;
        List<WorkerReport> reports;
        try {
            for (int attempt = 1; ; attempt++) {
                start = System.nanoTime();
                try {
                    reports = stage(model, graph, numbers, epoch);
                    break;
                } catch (TooFewSlots e) {
                    throw e; // not a worker's failure: running the epoch again would not help
                } catch (Exception e) { // Spark's SparkException is checked but thrown undeclared through Scala
                    // a failed barrier result stage is not retried by Spark
                    String why = String.valueOf(e.getMessage());
                    if (attempt >= EPOCH_ATTEMPTS || !why.contains("barrier")) {
                        throw e;
                    }
                    LOG.warn("epoch {}: a worker failed ({}); attempt {} of {}: the epoch again from its start",
                            epoch + 1, why.lines().findFirst().orElse(why), attempt + 1, EPOCH_ATTEMPTS);
                    awaitSlots();
                }
            }
        } finally {
            model.destroy();
        }
        double wallMs = (System.nanoTime() - start) / 1e6;
        reports.forEach(r -> LOG.debug("epoch {}: {}", epoch + 1, r));
        WorkerReport first = reports.stream().filter(r -> r.partition() == 0).findFirst().orElseThrow();
        if (first.averaged() == null) {
            throw new IllegalStateException("epoch " + (epoch + 1) + " had no training batches");
        }
        ModelSnapshot.install(graph, first.averaged());
        int steps = reports.stream().mapToInt(WorkerReport::batches).max().orElse(0);
        graph.getConfiguration().setIterationCount(graph.getConfiguration().getIterationCount() + steps);
        // the tasks build their batches side by side before training: data loading, not synchronisation
        double loadMs = reports.stream().mapToDouble(WorkerReport::batchesMs).min().orElse(0);
        int n = reports.size();
        timings.add(new SyncTiming(epoch + 1, numbers.size(), wallMs - loadMs,
                reports.stream().mapToDouble(WorkerReport::fitMs).sum() / n,
                reports.stream().mapToDouble(WorkerReport::setupMs).sum() / n,
                reports.stream().mapToDouble(WorkerReport::exchangeMs).sum() / n, first.rounds()));
        LOG.info("epoch {}: batches built on the executors in {} ms", epoch + 1, Math.round(loadMs));
        return reports.stream().mapToDouble(WorkerReport::lossSum).sum()
                / Math.max(1, reports.stream().mapToInt(WorkerReport::batches).sum());
    }

    /** One attempt at an epoch: the workers' barrier stage around a fresh hub (a new token per attempt). */
    private List<WorkerReport> stage(Broadcast<ModelSnapshot> model, ComputationGraph graph, List<Integer> numbers,
                                     int epoch) {
        String host = sc.getConf().get("spark.driver.host", "127.0.0.1");
        try (AveragingHub hub = new AveragingHub(sc.getConf().get("spark.driver.bindAddress", host),
                sc.getConf().getInt(HUB_PORT, 0), settings.workers(), settings.averagingFrequency())) {
            AveragingTask task = new AveragingTask(model, workerListeners(graph), config, epoch,
                    settings.averagingFrequency(), host, hub.port(), hub.token());
            return sc.parallelize(numbers, settings.workers()).rdd().barrier()
                    .mapPartitions(task, false, ClassTag$.MODULE$.apply(WorkerReport.class)).toJavaRDD().collect();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the averaging hub on the driver (" + HUB_PORT + ")", e);
        } catch (Exception e) { // SparkException, undeclared
            if (String.valueOf(e.getMessage()).contains("SPARK-24819")) { // Spark's "too few slots"
                throw new TooFewSlots(settings.workers(), "the cluster offers " + sc.defaultParallelism() + " cores",
                        e);
            }
            throw e;
        }
    }

    /** The cluster cannot run every averaging worker at once, as their barrier stage needs. */
    static final class TooFewSlots extends IllegalStateException {
        TooFewSlots(int workers, String offered, Throwable cause) {
            super("--workers " + workers + " needs that many task slots at once (the averaging workers run as one"
                    + " barrier stage); " + offered + ": lower --workers or add executors", cause);
        }
    }

    /**
     * Waits (up to {@link #SLOT_WAIT_SECONDS}) until the cluster can run every worker at once, as a barrier stage
     * needs: executors register after the application starts, and Spark itself would re-check only every 15 s.
     */
    private void awaitSlots() {
        org.apache.spark.SparkContext c = sc.sc();
        long deadline = System.nanoTime() + SLOT_WAIT_SECONDS * 1_000_000_000L;
        int slots;
        while ((slots = c.maxNumConcurrentTasks(c.resourceProfileManager().defaultResourceProfile()))
                < settings.workers()) {
            if (System.nanoTime() > deadline) {
                throw new TooFewSlots(settings.workers(), "after " + SLOT_WAIT_SECONDS + " s the cluster offers "
                        + slots, null);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for executors", e);
            }
        }
    }

    /**
     * Before the first epoch, reads the training split on the executors (starting ND4J there) and builds a worker
     * network on each for {@link WorkerNetworks}: otherwise a fresh executor's first averaging task does both, and the
     * other workers wait for it.
     */
    private void prepareExecutors(Broadcast<ModelSnapshot> model) {
        long t = System.nanoTime();
        String json = config;
        sc.setJobGroup("prepare-workers", "training data and networks onto the executors", false);
        sc.parallelize(IntStream.range(0, settings.workers()).boxed().toList(), settings.workers())
                .foreach(i -> {
                    ExecutorBatches.loaded(json);
                    WorkerNetworks.prepare(model.value());
                });
        LOG.info("training data and networks ready on the executors in {} ms", (System.nanoTime() - t) / 1_000_000);
    }

    private List<TrainingListener> workerListeners(ComputationGraph graph) {
        List<TrainingListener> listeners = new ArrayList<>(graph.getListeners() == null ? List.of()
                : graph.getListeners());
        listeners.addAll(extraListeners);
        return listeners;
    }

    /** Gradient sharing through dl4j-spark's SharedTrainingMaster. */
    private double share(ComputationGraph graph, Batches train, int epoch) {
        useSystemClock();
        if (net == null || net.getNetwork() != graph) {
            net = new SparkComputationGraph(sc, graph, master());
            List<TrainingListener> listeners = workerListeners(graph);
            // the workers' rebuilt networks
            listeners.add(io.github.abasnn.train.NetworkRuntime.installerForRebuiltNetworks());
            net.setListeners(listeners);
        }
        List<Integer> numbers = IntStream.range(0, train.batchesPerEpoch()).boxed().toList();
        JavaRDD<org.nd4j.linalg.dataset.DataSet> data = sc.parallelize(numbers, settings.workers())
                .mapPartitions(new ExecutorBatches(config, epoch));
        sc.setJobGroup("train-epoch-" + (epoch + 1), "data-parallel training, epoch " + (epoch + 1), false);
        long built = System.nanoTime();
        data.persist(StorageLevel.MEMORY_ONLY()); // built once on the executors
        data.count();
        long start = System.nanoTime();
        ComputationGraph trained = net.fit(data);
        double wallMs = (System.nanoTime() - start) / 1e6;
        data.unpersist(false);
        LOG.info("epoch {}: batches built on the executors in {} ms", epoch + 1, (start - built) / 1_000_000);
        if (trained != graph) { // the master updates the driver's network in place; make sure of it
            graph.setParams(trained.params());
        }
        timings.add(new SyncTiming(epoch + 1, numbers.size(), wallMs, Double.NaN, Double.NaN, Double.NaN, 0));
        return Double.NaN; // gradient sharing reports no loss
    }

    private TrainingMaster<?, ?> master() {
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
}
