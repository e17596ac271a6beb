package io.github.abasnn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.abasnn.cost.CostModel;
import io.github.abasnn.cost.CostReport;
import io.github.abasnn.cost.LayerAllocation;
import io.github.abasnn.data.Batches;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.nn.NetworkOptions;
import io.github.abasnn.nn.Networks;
import io.github.abasnn.nn.QuantizedLayer;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.SpikingGraph;
import io.github.abasnn.renewal.SwitchOffRule;
import java.io.IOException;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one network on one dataset with learned (or uniform) bit allocation: SGD with Nesterov momentum and a
 * cosine schedule per parameter group, the bit loss, renewal with its per-epoch switch-off rule, an evaluation and a
 * cost report every epoch, atomic checkpoints, and {@code metrics.json} / {@code result.json} in the output directory.
 * With the same seed a resumed run reaches the same result as an uninterrupted one.
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** The cost model every report of a run uses (method.md §5). */
    private static final CostModel COSTS = CostModel.horowitz45nm();
    private static final ObjectMapper JSON = Checkpoints.JSON;

    private final TrainConfig cfg;
    private final boolean showProgress;
    private Consumer<EpochMetrics> onEpoch = m -> {};
    private java.time.Instant deadline;
    private EpochFitter fitter;
    private int deviceOrdinal;
    private java.util.function.Predicate<List<EpochMetrics>> stopRule = epochs -> false;

    public Trainer(TrainConfig cfg, boolean showProgress) {
        this.cfg = cfg;
        this.showProgress = showProgress;
    }

    /**
     * The device {@code --device gpu} trains on, as its runtime numbers the devices this process sees (default 0; a
     * sweep passes the GPU Spark assigned the trial's task).
     */
    public Trainer deviceOrdinal(int ordinal) {
        if (ordinal < 0) {
            throw new IllegalArgumentException("device ordinal " + ordinal + " is negative");
        }
        this.deviceOrdinal = ordinal;
        return this;
    }

    /** Trains each epoch with {@code fitter} instead of batch by batch in this JVM (e.g. data-parallel on Spark). */
    public Trainer fitter(EpochFitter fitter) {
        this.fitter = fitter;
        return this;
    }

    /**
     * Early stopping: after each epoch's checkpoint, {@code rule} sees the metrics so far; when it answers true the
     * run ends there with status {@code stopped} (its result and checkpoint are those of that epoch).
     */
    public Trainer stopWhen(java.util.function.Predicate<List<EpochMetrics>> rule) {
        this.stopRule = rule;
        return this;
    }

    /**
     * A wall-clock limit: once {@code at} has passed, the run stops before its next batch with
     * {@link TimedOut} (its checkpoints up to the last finished epoch stay, so a later {@code --resume} continues).
     */
    public Trainer deadline(java.time.Instant at) {
        this.deadline = at;
        return this;
    }

    /** A run stopped by its {@link #deadline}. */
    public static final class TimedOut extends RuntimeException {
        public TimedOut(String message) {
            super(message);
        }
    }

    /** Called after each epoch (for live reporting). */
    public Trainer onEpoch(Consumer<EpochMetrics> listener) {
        this.onEpoch = listener;
        return this;
    }

    /**
     * Trainer state carried in a checkpoint; {@code config} is the run's configuration (null in checkpoints written
     * before it was stored), so a resume with other options is refused instead of silently mixing two runs.
     */
    record State(int epochsDone, List<EpochMetrics> epochs, double seconds,
                 com.fasterxml.jackson.databind.JsonNode config) {}

    /**
     * Configuration fields a resume may change: where the run is written, where the data is read from, and the device
     * its step runs on (the checkpoint is the CPU's either way).
     */
    static final java.util.Set<String> RELOCATABLE = java.util.Set.of("outDir", "dataDir", "device");

    /**
     * Fails naming the first option whose value differs between the checkpoint's configuration and this run's.
     */
    static void requireSameConfig(com.fasterxml.jackson.databind.JsonNode stored,
                                  com.fasterxml.jackson.databind.JsonNode now, Path file) {
        if (stored == null) {
            return;
        }
        stored = TrainConfig.flatten(stored); // stored flat before the configuration had sections
        now = TrainConfig.flatten(now);
        for (var it = now.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            boolean absentBoth = (stored.get(field) == null || stored.get(field).isNull()) && now.get(field).isNull();
            if (RELOCATABLE.contains(field) || absentBoth // an option added later, unset now
                    || java.util.Objects.equals(stored.get(field), now.get(field))) {
                continue;
            }
            String option = "--" + field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            throw new IllegalArgumentException("--resume: " + file + " was trained with " + option + " = "
                    + stored.get(field) + ", this run has " + now.get(field) + "; resume with the run's options or"
                    + " choose another --out");
        }
    }

    /** Runs, or resumes from the output directory's checkpoint when {@code resume} is set and one exists. */
    public TrainResult run(boolean resume) throws IOException {
        if (!resume && (Checkpoints.exists(cfg.outDir()) || java.nio.file.Files.exists(cfg.outDir().resolve("result.json")))) {
            // never overwrite a run: its checkpoint and results would be lost
            throw new IllegalArgumentException("output directory " + cfg.outDir() + " already holds a run; pass"
                    + " --resume to continue it or choose another --out");
        }
        // refused before anything is loaded when the device cannot train here
        DeviceFitterProvider device = fitter == null && cfg.device() != ComputeDevice.CPU
                ? DeviceFitterProvider.of(cfg.device()) : null;
        String unsupported = device == null ? null : device.unsupported(cfg);
        if (unsupported != null) {
            throw new IllegalArgumentException("--device " + cfg.device().optionName() + ": " + unsupported);
        }
        TrainingData data = TrainingData.load(cfg);
        Batches trainBatches = data.train();
        Batches testBatches = data.test();
        int perEpoch = trainBatches.batchesPerEpoch();
        int totalIterations = perEpoch * cfg.optimiser().epochs();

        ComputationGraph graph;
        State state;
        if (resume && Checkpoints.exists(cfg.outDir())) {
            Checkpoints.Restored r = Checkpoints.load(cfg.outDir());
            graph = r.graph();
            state = JSON.readValue(r.stateJson(), State.class);
            requireSameConfig(state.config(), JSON.readTree(JSON.writeValueAsString(cfg)), r.file()); // as stored
            LOG.info("resuming {} after epoch {}", cfg.outDir(), state.epochsDone());
        } else {
            graph = newNetwork(cfg, data, totalIterations);
            state = new State(0, List.of(), 0, null);
        }
        NetworkRuntime.install(graph); // after a restore too: helpers are not saved
        Objective goal = Objective.of(cfg);
        goal.attach(graph, () -> trainBatches.batchAt(0, 0));
        List<QuantizedLayerImpl<?>> layers = SpikingGraph.layers(graph);
        SwitchOffRule rule = new SwitchOffRule(SwitchOffRule.DEFAULT_FRACTION, cfg.quantizers().minEpochsBeforeSwitchOff());
        if (state.epochsDone() == 0) {
            goal.startRenewal(layers, rule);
        }

        List<EpochMetrics> epochs = new ArrayList<>(state.epochs());
        double seconds = state.seconds();
        TrialStatus status = TrialStatus.OK;
        // a device other than the CPU is held for the whole run and given back at its end, however it ends
        EpochFitter onDevice = device != null && state.epochsDone() < cfg.optimiser().epochs()
                ? device.open(cfg, deviceOrdinal) : null;
        try {
            for (int epoch = state.epochsDone(); epoch < cfg.optimiser().epochs(); epoch++) {
                long start = System.nanoTime();
                EpochFitter f = fitter != null ? fitter : onDevice != null ? onDevice : local(goal, perEpoch);
                double trainLoss = f.fit(graph, trainBatches, epoch);
                double trainSeconds = (System.nanoTime() - start) / 1e9;
                double accuracy;
                if (f instanceof DeviceEpochEnd there) {
                    there.recalibrate(graph, trainBatches, epoch, cfg.quantizers().calibrationBatches());
                    accuracy = there.evaluate(graph, testBatches, layers);
                } else {
                    Recalibration.run(graph, trainBatches, epoch, cfg.quantizers().calibrationBatches());
                    accuracy = evaluate(graph, testBatches, layers);
                }
                List<LayerAllocation> alloc = SpikingGraph.allocation(layers);
                CostReport cost = COSTS.report(alloc);
                Objective.EpochEnd end = goal.endEpoch(layers, rule, epoch + 1);
                boolean[] renewal = end.renewal();
                double penalty = end.penalty();
                seconds += (System.nanoTime() - start) / 1e9;
                EpochMetrics m = new EpochMetrics(epoch + 1, trainLoss, penalty, accuracy,
                        cost.weightBitsAvg(), cost.spikeBitsAvg(), cost.timeStepsAvg(), cost.bitBudget(), cost.sAceG(),
                        cost.firingRate(), cost.nsAceG(), cost.energyPj(), cost.energyModel(), currentLr(graph),
                        renewal[0], renewal[1], trainSeconds, data.trainSize() / trainSeconds, reports(layers, alloc));
                epochs.add(m);
                LOG.info(String.format("epoch %d/%d: loss %.4f, test accuracy %.2f%%, W/S/T %.2f/%.2f/%.2f, bit budget %.2f,"
                                + " S-ACE %.4f G, %.1f images/s", m.epoch(), cfg.optimiser().epochs(), m.trainLoss(),
                        100 * accuracy, m.weightBits(), m.spikeBits(), m.timeSteps(), m.bitBudget(), m.sAceG(),
                        m.imagesPerSecond()));
                Checkpoints.writeJsonAtomically(cfg.outDir().resolve("metrics.json"), epochs);
                Checkpoints.save(cfg.outDir(), graph, JSON.writeValueAsString(new State(epoch + 1, epochs, seconds,
                        JSON.valueToTree(cfg))));
                onEpoch.accept(m);
                if (epoch + 1 < cfg.optimiser().epochs() && stopRule.test(List.copyOf(epochs))) {
                    LOG.info("stopping early after epoch {}: {}", epoch + 1, "the stopping rule says this run is weak");
                    status = TrialStatus.STOPPED;
                    break;
                }
            }
        } finally {
            if (onDevice instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("could not release the {} cleanly: {}", cfg.device().optionName(), e.toString());
                }
            }
        }
        EpochMetrics last = epochs.get(epochs.size() - 1);
        if (state.epochsDone() >= cfg.optimiser().epochs()) {
            // a finished run resumed (its result was lost): the layers learn their shapes and firing from the test
            // set again, as after its last epoch, instead of training it again
            evaluate(graph, testBatches, layers);
        }
        List<LayerAllocation> alloc = SpikingGraph.allocation(layers);
        TrainResult result = new TrainResult(cfg, last.testAccuracy(), COSTS.report(alloc), reports(layers, alloc),
                epochs, seconds, status);
        Checkpoints.writeJsonAtomically(cfg.outDir().resolve("result.json"), result);
        return result;
    }

    /** Batch by batch in this JVM, with a progress bar. */
    private EpochFitter local(Objective goal, int perEpoch) {
        return (graph, trainBatches, epoch) -> {
            trainBatches.setEpoch(epoch);
            double lossSum = 0;
            int batches = 0;
            try (ProgressBar bar = progress("epoch " + (epoch + 1) + "/" + cfg.optimiser().epochs(), perEpoch)) {
                while (trainBatches.hasNext()) {
                    if (deadline != null && java.time.Instant.now().isAfter(deadline)) {
                        throw new TimedOut("timed out: past the deadline " + deadline + " in epoch " + (epoch + 1));
                    }
                    graph.fit(trainBatches.next());
                    lossSum += graph.score();
                    batches++;
                    if (bar != null) {
                        bar.step();
                        BitLoss.Result bits = goal.lastBits();
                        bar.setExtraMessage(String.format(" loss %.3f%s", lossSum / batches, bits == null ? ""
                                : String.format(" W/S/T %.2f/%.2f/%.2f", bits.weightBitsAvg(), bits.spikeBitsAvg(),
                                bits.timeStepsAvg())));
                    }
                }
            }
            return lossSum / Math.max(1, batches);
        };
    }

    /** A freshly initialised network for {@code cfg} on {@code data}, its updaters scheduled over the whole run. */
    static ComputationGraph newNetwork(TrainConfig cfg, TrainingData data, int totalIterations) {
        NetworkOptions options = options(cfg, totalIterations);
        ComputationGraphConfiguration conf = Networks.build(cfg.model().network(), cfg.model().width(), data.channels(), data.height(),
                data.width(), data.classes(), data.frames() > 0 ? options.withFrames(data.frames()) : options,
                cfg.seed());
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static NetworkOptions options(TrainConfig cfg, int totalIterations) {
        boolean learn = !cfg.bits().uniform();
        // --fixed-bits-epochs: bit widths and T get their own updaters that stop at the freeze; step sizes do not.
        // --step-lr: the step sizes (the shared quantizer group) at their own rate, the bit widths at --bit-lr
        int freezeAt = learn && cfg.bits().fixedBitsEpochs() > 0 ? cfg.bitFreezeIteration(totalIterations / cfg.optimiser().epochs()) : -1;
        NetworkOptions options = new NetworkOptions(cfg.bits().initWeightBits(), cfg.bits().initSpikeBits(), cfg.bits().initTimeSteps(),
                learn, learn, cfg.quantizers().renewal(), cfg.neuron().firing(), 1.0 / cfg.neuron().tau(), rate(cfg.optimiser().lr(), cfg, totalIterations),
                rate(cfg.optimiser().effectiveStepLr(), cfg, totalIterations), rate(cfg.optimiser().timeLr(), cfg, totalIterations, freezeAt),
                cfg.optimiser().weightDecay()).withStepGradient(cfg.quantizers().stepGradient());
        boolean ownBitRate = freezeAt >= 0 || cfg.optimiser().effectiveStepLr() != cfg.optimiser().bitLr();
        return ownBitRate ? options.withBitWidthUpdater(rate(cfg.optimiser().bitLr(), cfg, totalIterations, freezeAt)) : options;
    }

    private static IUpdater rate(double lr, TrainConfig cfg, int totalIterations) {
        return rate(lr, cfg, totalIterations, -1);
    }

    /**
     * SGD with Nesterov momentum, cosine-annealed from {@code lr} and, from iteration {@code freezeAt} on (negative:
     * never), at rate 0 ({@link FreezeAfter}); a rate of 0 freezes the group (DL4J's NoOp updater would apply the raw
     * gradient, i.e. a rate of 1).
     */
    private static IUpdater rate(double lr, TrainConfig cfg, int totalIterations, int freezeAt) {
        if (lr <= 0) {
            return new Sgd(0.0);
        }
        ISchedule cosine = new CosineSchedule(lr, totalIterations);
        return new Nesterovs(freezeAt < 0 ? cosine : new FreezeAfter(cosine, freezeAt), cfg.optimiser().momentum());
    }

    private ProgressBar progress(String task, int max) {
        if (!showProgress) {
            return null;
        }
        ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(max)
                .setStyle(ProgressBarStyle.ASCII).showSpeed().setUnit(" batches", 1);
        if (System.console() == null) { // not a terminal (CI, logs): a plain line every 10 s instead of redraws
            b.setUpdateIntervalMillis(10_000).setConsumer(new DelegatingProgressBarConsumer(System.err::println, 120));
        } else {
            b.setUpdateIntervalMillis(500);
        }
        return b.build();
    }

    /** Top-1 accuracy on the test batches; counts firing for the cost model. */
    static double evaluate(ComputationGraph graph, Batches test, List<QuantizedLayerImpl<?>> layers) {
        SpikingGraph.resetFiring(layers);
        test.setEpoch(0);
        long correct = 0;
        long total = 0;
        while (test.hasNext()) {
            DataSet ds = test.next();
            INDArray out = graph.outputSingle(false, ds.getFeatures());
            INDArray predicted = out.argMax(1);
            INDArray actual = ds.getLabels().argMax(1);
            correct += predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT64).sumNumber().longValue();
            total += ds.numExamples();
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }


    private static double currentLr(ComputationGraph graph) {
        try {
            return graph.getLearningRate(graph.getLayers()[0].conf().getLayer().getLayerName());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /** Each layer's allocation as reported, from its cost-model description {@code alloc} (same order). */
    static List<LayerReport> reports(List<QuantizedLayerImpl<?>> layers, List<LayerAllocation> alloc) {
        List<LayerReport> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            QuantizedLayerImpl<?> l = layers.get(i);
            QuantizedLayer c = (QuantizedLayer) l.conf().getLayer();
            QuantizedLayerImpl.Neuron n = l.neuron();
            LayerAllocation a = alloc.get(i);
            out.add(new LayerReport(c.getLayerName(), a.shape().kind().name().toLowerCase(), c.isFirst(),
                    a.shape().weightCount(), a.shape().macs(), n.weightBits(), n.weightBitHat(), n.weightStep(),
                    n.timeSteps(), n.tHat(), a.spikeBits(), java.util.Arrays.copyOf(n.bitHats(), n.timeSteps()),
                    java.util.Arrays.copyOf(n.steps(), n.timeSteps()), a.firingRate(),
                    COSTS.layerEnergyPj(a)));
        }
        return out;
    }
}
