package io.github.abasnn.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.loss.CostTarget;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.renewal.RenewalPolicy;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Everything a training run depends on, in typed sections: the {@link Model}, the {@link Data}, the {@link Bits}
 * (initial allocation and what it is trained towards), the {@link Optimiser}, the {@link Neuron} and the
 * {@link Quantizers}' step-size rules, plus the seed, the device the step runs on and where the run is written. {@link #DEFAULTS} is the one place
 * the defaults are written (the CLI, the Spark ML stage and the sweeps read them from here); each section checks its
 * own values when built, and the configuration checks what spans sections, so a {@code TrainConfig} that exists is
 * valid. Option names in errors are the CLI's.
 *
 * <p>The sections' component names are unique across sections and are the names runs have always been stored under:
 * {@link #flatten(JsonNode)} reads a stored configuration of either shape (flat, before sections; or sectioned) by
 * those names, and a trial's identity hashes them.
 */
public record TrainConfig(Model model, Data data, Bits bits, Optimiser optimiser, Neuron neuron,
                          Quantizers quantizers, long seed, ComputeDevice device, Path outDir) {

    /** A group of options; its components are flattened into the configuration's names. */
    public sealed interface Section permits Model, Data, Bits, Optimiser, Neuron, Quantizers {}

    /**
     * @param network a name from {@code Networks.NAMES}
     * @param width   base width (ResNet-20: the paper's 128; 16 fits a CPU)
     */
    public record Model(String network, int width) implements Section {
        public Model {
            require(network != null && !network.isBlank(), "--network", network);
            require(width >= 1, "--width", width);
        }
    }

    /**
     * @param dataDir    the dataset's directory as a URI string: a local path (relative ones read from the working
     *                   directory) or a Hadoop URI such as {@code hdfs://nn/data/cifar10}, which the Spark jobs copy
     *                   to a local directory before training ({@link #localDir()}); null reads as
     *                   {@code data/<dataset>}
     * @param trainLimit use only the first n training images (0: all)
     * @param testLimit  evaluate on the first n test images (0: all)
     * @param frames     event datasets: number of frames T (the networks run T steps); ignored for images
     * @param frameSplit event datasets: {@code time} or {@code number} (equal durations or equal event counts)
     * @param eventPool  event datasets: sum-pool the sensor by this factor (1: full resolution)
     */
    public record Data(String dataset, String dataDir, boolean augment, int trainLimit, int testLimit, int frames,
                       String frameSplit, int eventPool) implements Section {
        public Data {
            require(dataset != null && !dataset.isBlank(), "--dataset", dataset);
            dataDir = dataDir != null ? dataDir : io.github.abasnn.data.Datasets.defaultDir(dataset).toString();
            require(!dataDir.isBlank(), "--data-dir", "''");
            require(trainLimit >= 0, "--train-limit", trainLimit);
            require(testLimit >= 0, "--test-limit", testLimit);
            require(frames >= 1 && frames <= 64, "--frames", frames);
            require("time".equalsIgnoreCase(frameSplit) || "number".equalsIgnoreCase(frameSplit), "--frame-split",
                    frameSplit);
            require(eventPool >= 1, "--event-pool", eventPool);
        }

        /** Where a dataset's files are when no directory is given: {@code data/<dataset>}. */
        public static Path defaultDir(String dataset) {
            return io.github.abasnn.data.Datasets.defaultDir(dataset);
        }

        /** The dataset checksum recorded as provenance and hashed into trial ids (sha256 over the directory). */
        public static String checksumOf(Path dir) {
            return io.github.abasnn.data.DataChecksum.of(dir);
        }

        public Data withDataDir(String dir) {
            return new Data(dataset, dir, augment, trainLimit, testLimit, frames, frameSplit, eventPool);
        }

        public Data withDataDir(Path dir) {
            return withDataDir(dir.toString());
        }

        /**
         * True when the directory is a URI of a file system other than the local one ({@code hdfs:}, {@code s3a:},
         * ...): it must be copied to a local directory before it is read.
         */
        @com.fasterxml.jackson.annotation.JsonIgnore // a property of the URI, not a component of the contract
        public boolean isRemote() {
            return REMOTE.matcher(dataDir).matches() && !dataDir.startsWith("file:");
        }

        /** The directory on this machine: the path, or a {@code file:} URI's path; a remote URI fails, named. */
        public Path localDir() {
            if (isRemote()) {
                throw new IllegalStateException("dataset directory " + dataDir + " is on a remote file system; copy"
                        + " it to a local directory first (the Spark jobs do)");
            }
            return dataDir.startsWith("file:") ? Path.of(java.net.URI.create(dataDir)) : Path.of(dataDir);
        }

        public Data withLimits(int train, int test) {
            return new Data(dataset, dataDir, augment, train, test, frames, frameSplit, eventPool);
        }
    }

    /** A URI scheme of at least two letters (one is a drive letter) before any slash. */
    private static final java.util.regex.Pattern REMOTE = java.util.regex.Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    /**
     * The allocation a run starts from and what it is trained towards.
     *
     * @param uniform         uniform-quantization baseline: bits and T fixed at their init values, no bit loss
     * @param penalties       the bit-loss weights; null: the paper's for the targets (method.md §6)
     * @param penaltyScale    multiplies the bit-loss penalties; short runs need it (or larger bit/T learning rates)
     *                        because a few hundred steps cannot carry a bit width across a rounding boundary at the
     *                        paper's penalties, which were tuned for ~78,000 steps
     * @param costTarget      an S-ACE or energy budget trained towards instead of the W/S/T {@code targets} (null:
     *                        those)
     * @param costPenalty     the cost penalty's weight before {@code penaltyScale}
     * @param fixedBitsEpochs final epochs in which bit widths and T stop learning (their rate drops to 0) while weights
     *                        and step sizes train on at the allocation reached, so that no rounding boundary is
     *                        crossed after the last weights adapted to it; beyond the paper (0: its recipe)
     */
    public record Bits(int initWeightBits, int initSpikeBits, int initTimeSteps, boolean uniform, BitTargets targets,
                       BitPenalties penalties, double penaltyScale, CostTarget costTarget, double costPenalty,
                       int fixedBitsEpochs) implements Section {
        public Bits {
            require(initWeightBits >= 1 && initWeightBits <= 8, "--init weight bits", initWeightBits);
            require(initSpikeBits >= 1 && initSpikeBits <= 8, "--init spike bits", initSpikeBits);
            require(initTimeSteps >= 1 && initTimeSteps <= 8, "--init T", initTimeSteps);
            require(targets != null, "--target", targets);
            require(penaltyScale >= 0, "--penalty-scale", penaltyScale);
            require(costPenalty >= 0, "--cost-penalty", costPenalty);
            require(fixedBitsEpochs >= 0, "--fixed-bits-epochs", fixedBitsEpochs);
            if (uniform && costTarget != null) {
                throw new IllegalArgumentException("--uniform trains at fixed bits; it takes no --target-"
                        + (costTarget.kind() == CostTarget.Kind.SACE ? "sace" : "energy"));
            }
            if (!uniform && costTarget == null) {
                targets.checkReachable(initWeightBits + 2, initSpikeBits + 2, initTimeSteps + 1);
            }
        }

        /** The W/S/T targets as the CLI writes them. */
        public String targetsText() {
            return targets.toString();
        }

        /** The target a trial records: its cost budget if it has one, else W/S/T; null for a uniform baseline. */
        public String recordedTarget() {
            return uniform ? null : costTarget != null ? costTarget.toString() : targetsText();
        }

        /** Reads an initial allocation written {@code W/S/T} (whole numbers), naming the bad part. */
        public static int[] parseInit(String text) {
            String[] parts = text == null ? new String[0] : text.split("/");
            if (parts.length != 3) {
                throw new IllegalArgumentException("--init '" + text + "' must be W/S/T, e.g. 4/4/2");
            }
            int[] v = new int[3];
            for (int i = 0; i < 3; i++) {
                try {
                    v[i] = Integer.parseInt(parts[i].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--init '" + text + "': '" + parts[i] + "' is not an integer");
                }
            }
            return v;
        }

        /** The initial allocation as the CLI writes it, {@code W/S/T}. */
        public String initText() {
            return initWeightBits + "/" + initSpikeBits + "/" + initTimeSteps;
        }

        /** The same allocation at {@code W/S/T} initial values. */
        public Bits withInit(int w, int s, int t) {
            return new Bits(w, s, t, uniform, targets, penalties, penaltyScale, costTarget, costPenalty,
                    fixedBitsEpochs);
        }

        /** The same allocation trained towards a cost budget (S-ACE or energy) in place of the W/S/T target. */
        public Bits withCostTarget(CostTarget target) {
            return new Bits(initWeightBits, initSpikeBits, initTimeSteps, uniform, targets, penalties, penaltyScale,
                    target, costPenalty, fixedBitsEpochs);
        }

        /** The penalties actually used: the given ones, or the paper's defaults for the targets, times the scale. */
        public BitPenalties effectivePenalties() {
            BitPenalties base = penalties != null ? penalties : BitPenalties.defaultsFor(targets);
            return base.scaled(penaltyScale);
        }
    }

    /**
     * @param lr          weight learning rate (cosine to 0)
     * @param bitLr       learning rate of the bit widths
     * @param timeLr      learning rate of T
     * @param stepLr      learning rate of the step sizes (weight and spike); negative: {@code bitLr}, the paper's
     *                    shared group. Trained from scratch at 1-2 bits, the classifier's weight step at the paper's
     *                    rate is driven through zero by the first uninformed gradients and the network sits at chance
     *                    for most of a short run (docs/training.md, "Healthy baselines")
     * @param momentum    Nesterov momentum of every group
     * @param weightDecay L2 on conv/dense weights only
     */
    public record Optimiser(int epochs, int batch, double lr, double bitLr, double timeLr, double stepLr,
                            double momentum, double weightDecay) implements Section {
        public Optimiser {
            require(epochs >= 1, "--epochs", epochs);
            require(batch >= 1, "--batch", batch);
            require(lr > 0, "--lr", lr);
            require(bitLr >= 0, "--bit-lr", bitLr);
            require(timeLr >= 0, "--t-lr", timeLr);
            require(momentum >= 0 && momentum < 1, "--momentum", momentum);
            require(weightDecay >= 0, "--weight-decay", weightDecay);
        }

        public Optimiser withEpochs(int n) {
            return new Optimiser(n, batch, lr, bitLr, timeLr, stepLr, momentum, weightDecay);
        }

        /** The step sizes' learning rate in force: {@link #stepLr}, or {@link #bitLr} when that is negative. */
        public double effectiveStepLr() {
            return stepLr < 0 ? bitLr : stepLr;
        }
    }

    /**
     * @param firing how the neuron rounds its membrane to a spike level (method.md §2)
     * @param tau    membrane leak (1: integrate-and-fire, the method)
     */
    public record Neuron(Firing firing, double tau) implements Section {
        public Neuron {
            require(firing != null, "--firing", firing);
            require(tau >= 1, "--tau", tau);
        }
    }

    /**
     * How the step sizes are kept sane.
     *
     * @param stepGradient             how every layer's weight step-size gradient is scaled (the release's rule or
     *                                 canonical LSQ; null reads as LSQ, for runs stored before it existed)
     * @param renewal                  the step-size renewal policy (method.md §4)
     * @param minEpochsBeforeSwitchOff epochs before renewal may switch off
     * @param calibrationBatches       training batches run forward at each epoch end to catch renewal up and
     *                                 re-estimate the batch-norm statistics before evaluation ({@link Recalibration};
     *                                 0: off)
     */
    public record Quantizers(StepGradient stepGradient, RenewalPolicy renewal, int minEpochsBeforeSwitchOff,
                             int calibrationBatches) implements Section {
        public Quantizers {
            stepGradient = stepGradient == null ? StepGradient.LSQ : stepGradient;
            require(renewal != null, "--renewal", renewal);
            require(minEpochsBeforeSwitchOff >= 0, "--min-epochs", minEpochsBeforeSwitchOff);
            require(calibrationBatches >= 0, "--calibration-batches", calibrationBatches);
        }

        /** The renewal policy as the {@code --renewal} option names it. */
        public String renewalName() {
            return renewal.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * The defaults: the paper's CIFAR recipe (method.md §7) at a size one CPU trains (width 16 for 128, batch 64 for
     * 128, one epoch for 200, Fashion-MNIST, which is here, for CIFAR-10, which is not), the bit-width targets
     * 2/2/1 from 4/4/2, the LSQ step gradient chosen by measurement (docs/training.md), and 20 recalibration batches,
     * enough for stable batch-norm estimates in a few seconds of forwards.
     */
    public static final TrainConfig DEFAULTS = new TrainConfig(
            new Model("resnet20", 16),
            new Data("fashion-mnist", null, true, 0, 0, 10, "number", 1),
            new Bits(4, 4, 2, false, BitTargets.parse("2/2/1"), null, 1, null, 0.04, 0),
            new Optimiser(1, 64, 0.1, 0.1, 0.01, -1, 0.9, 1e-4),
            new Neuron(Firing.ROUND, 1),
            new Quantizers(StepGradient.LSQ, RenewalPolicy.ACTIVATION, 14, 20),
            3407, ComputeDevice.CPU, Path.of("runs", "train"));

    /** The names of the sections' components, the configuration's flat option names. */
    private static final Set<String> SECTIONS = Arrays.stream(TrainConfig.class.getRecordComponents())
            .filter(c -> Section.class.isAssignableFrom(c.getType())).map(RecordComponent::getName)
            .collect(Collectors.toUnmodifiableSet());

    public TrainConfig {
        require(model != null && data != null && bits != null && optimiser != null && neuron != null
                && quantizers != null, "sections", "missing");
        require(outDir != null, "--out", outDir);
        require(device != null, "--device", device);
        require(bits.fixedBitsEpochs() < optimiser.epochs(), "--fixed-bits-epochs (at most --epochs - 1)",
                bits.fixedBitsEpochs());
    }

    public TrainConfig withModel(Model m) {
        return new TrainConfig(m, data, bits, optimiser, neuron, quantizers, seed, device, outDir);
    }

    public TrainConfig withData(Data d) {
        return new TrainConfig(model, d, bits, optimiser, neuron, quantizers, seed, device, outDir);
    }

    public TrainConfig withBits(Bits b) {
        return new TrainConfig(model, data, b, optimiser, neuron, quantizers, seed, device, outDir);
    }

    public TrainConfig withOptimiser(Optimiser o) {
        return new TrainConfig(model, data, bits, o, neuron, quantizers, seed, device, outDir);
    }

    public TrainConfig withNeuron(Neuron n) {
        return new TrainConfig(model, data, bits, optimiser, n, quantizers, seed, device, outDir);
    }

    public TrainConfig withQuantizers(Quantizers q) {
        return new TrainConfig(model, data, bits, optimiser, neuron, q, seed, device, outDir);
    }

    public TrainConfig withSeed(long s) {
        return new TrainConfig(model, data, bits, optimiser, neuron, quantizers, s, device, outDir);
    }

    public TrainConfig withOutDir(Path dir) {
        return new TrainConfig(model, data, bits, optimiser, neuron, quantizers, seed, device, dir);
    }

    public TrainConfig withDevice(ComputeDevice d) {
        return new TrainConfig(model, data, bits, optimiser, neuron, quantizers, seed, d, outDir);
    }

    /**
     * This configuration as JSON: sections as objects, enums by name, {@code data.dataDir} as given (a path or URI
     * string), {@code outDir} as a {@code file:} URI. What crosses a process boundary (a Spark task, a checkpoint, a
     * stored trial) is this text, read back by {@link #fromJson}.
     */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the training configuration as JSON", e);
        }
    }

    /**
     * The configuration {@link #toJson} wrote, checked as when built; a missing section, an unknown field or a bad
     * value fails naming it.
     */
    public static TrainConfig fromJson(String json) {
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree instanceof ObjectNode o && !o.has("device")) {
                o.put("device", ComputeDevice.CPU.name()); // written before --device existed: trained on the CPU
            }
            return JSON.treeToValue(tree, TrainConfig.class);
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IllegalArgumentException("training configuration JSON: " + cause.getMessage(), e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("training configuration JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                    .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);

    /** The first iteration at which bit widths and T stop learning ({@link Bits#fixedBitsEpochs}). */
    public int bitFreezeIteration(int batchesPerEpoch) {
        return (optimiser.epochs() - bits.fixedBitsEpochs()) * batchesPerEpoch;
    }

    /** True when the section components form the configuration's flat names, i.e. {@code c} is a section. */
    public static boolean isSection(RecordComponent c) {
        return SECTIONS.contains(c.getName()) && c.getDeclaringRecord() == TrainConfig.class;
    }

    /**
     * A stored configuration (a checkpoint's or a {@code result.json}'s) by flat option names: a sectioned one has
     * its sections' components lifted to the top; one stored before sections existed is flat already.
     */
    public static ObjectNode flatten(JsonNode stored) {
        ObjectNode flat = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = stored.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (SECTIONS.contains(e.getKey()) && e.getValue().isObject()) {
                flat.setAll((ObjectNode) e.getValue());
            } else {
                flat.set(e.getKey(), e.getValue());
            }
        }
        return flat;
    }

    private static void require(boolean ok, String option, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("training option " + option + " = " + value + " is not allowed");
        }
    }
}
