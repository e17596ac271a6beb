package io.github.abasnn.train;

import io.github.abasnn.data.Datasets;
import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.loss.CostTarget;
import io.github.abasnn.nn.Networks;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.renewal.RenewalPolicy;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: one training run on one machine. Prints a summary; files land in {@code --out}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false, showDefaultValues = true,
        versionProvider = BuildInfo.Provider.class, exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the run finished", "1:training failed (the error is printed)",
                "2:bad option or input (the option, file or value is named)"},
        description = "Train a multi-bit spiking network that learns its bit allocation (or a uniform baseline).")
public final class TrainCli implements Callable<Integer> {
    @Option(names = "--network", defaultValue = "resnet20", description = "network: ${COMPLETION-CANDIDATES}",
            completionCandidates = NetworkNames.class)
    String network;
    @Option(names = "--width", defaultValue = "16", description = "base width (ResNet-20: paper 128, CPU 16)")
    int width;
    @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "dataset: ${COMPLETION-CANDIDATES}",
            completionCandidates = DatasetNames.class)
    String dataset;
    @Option(names = "--data-dir", description = "dataset directory (default: data/<dataset>)")
    Path dataDir;
    @Option(names = "--init", defaultValue = "4/4/2", description = "initial W/S/T")
    String init;
    @Option(names = "--target", defaultValue = "2/2/1", description = "target average W/S/T")
    String target;
    @Option(names = "--target-energy", description = "energy budget in µJ per image (under --energy-model) as the"
            + " target instead of W/S/T: a differentiable cost penalty drives spike bits and T (docs/method.md §5b)")
    Double targetEnergy;
    @Option(names = "--target-sace", description = "S-ACE budget in G per image as the target instead of W/S/T:"
            + " drives weight bits, spike bits and T")
    Double targetSace;
    @Option(names = "--energy-model", defaultValue = CostTarget.HOROWITZ_45NM,
            description = "energy model of --target-energy: " + CostTarget.HOROWITZ_45NM)
    String energyModel;
    @Option(names = "--cost-penalty", defaultValue = "0.04", description = "weight of the cost penalty"
            + " lambda |C/C* - 1| (times --penalty-scale)")
    double costPenalty;
    @Option(names = "--penalties", description = "bit-loss weights lw,ls,lt (default: the paper's for the target)")
    String penalties;
    @Option(names = "--penalty-scale", defaultValue = "1", description = "multiplies the penalties; "
            + "short runs need more (e.g. 50 for a one-epoch run) to move a bit width across a rounding boundary")
    double penaltyScale;
    @Option(names = "--uniform", description = "uniform quantization baseline: bits and T fixed at --init")
    boolean uniform;
    @Option(names = "--epochs", defaultValue = "1", description = "training epochs (the paper: 200)")
    int epochs;
    @Option(names = "--batch", defaultValue = "64", description = "images per batch (the paper: 128)")
    int batch;
    @Option(names = "--lr", defaultValue = "0.1", description = "weight learning rate (cosine to 0)")
    double lr;
    @Option(names = "--bit-lr", defaultValue = "0.1", description = "learning rate of bit widths and step sizes")
    double bitLr;
    @Option(names = "--t-lr", defaultValue = "0.01", description = "learning rate of T")
    double timeLr;
    @Option(names = "--momentum", defaultValue = "0.9", description = "Nesterov momentum of every group")
    double momentum;
    @Option(names = "--weight-decay", defaultValue = "1e-4", description = "L2 on conv/dense weights only")
    double weightDecay;
    @Option(names = "--renewal", defaultValue = "activation", description = "none | weight | activation | bilateral")
    String renewal;
    @Option(names = "--firing", defaultValue = "round", description = "round (the method) | floor (ablation)")
    String firing;
    @Option(names = "--tau", defaultValue = "1", description = "membrane leak tau (1: integrate-and-fire, the method)")
    double tau;
    @Option(names = "--min-epochs", defaultValue = "14", description = "epochs before renewal may switch off")
    int minEpochs;
    @Option(names = "--augment", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "random crop + flip (+ Cutout on 32x32 images)")
    boolean augment;
    @Option(names = "--frames", defaultValue = "10", description = "event datasets: frames T per recording")
    int frames;
    @Option(names = "--frame-split", defaultValue = "number", description = "event datasets: number | time")
    String frameSplit;
    @Option(names = "--event-pool", defaultValue = "1", description = "event datasets: sum-pool the sensor by this factor")
    int eventPool;
    @Option(names = "--calibration-batches", defaultValue = "" + TrainConfig.DEFAULT_CALIBRATION_BATCHES,
            description = "training batches run forward at each epoch end to catch renewal up and re-estimate"
                    + " batch-norm statistics before evaluation (0: off)")
    int calibrationBatches;
    @Option(names = "--step-grad", defaultValue = "lsq",
            description = "weight step-size gradient: lsq (canonical g S, g = 1/sqrt(N qmax), every layer; chosen by"
                    + " measurement, docs/results.md) or release (convs S/(C_out qmax), what the authors' release"
                    + " trains with; dense layers LSQ)")
    String stepGrad;
    @Option(names = "--fixed-bits-epochs", defaultValue = "0",
            description = "final epochs in which bit widths and T stop learning and the weights train at the allocation"
                    + " reached (beyond the paper; 0: the paper's recipe)")
    int fixedBitsEpochs;
    @Option(names = "--step-lr", defaultValue = "-1",
            description = "learning rate of the weight and spike step sizes (default: --bit-lr, the paper's shared"
                    + " group; 0.01 keeps short low-bit runs from stalling, docs/training.md, \"Healthy baselines\")")
    double stepLr;
    @Option(names = "--train-limit", defaultValue = "0", description = "use the first n training images (0: all)")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0", description = "evaluate on the first n test images (0: all)")
    int testLimit;
    @Option(names = "--seed", defaultValue = "3407",
            description = "seed of initialisation, shuffling and augmentation (the paper: 3407)")
    long seed;
    @Option(names = "--out", defaultValue = "runs/train", description = "output directory")
    Path out;
    @Option(names = "--resume", description = "continue from the checkpoint in --out")
    boolean resume;
    @Option(names = "--progress", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "a progress bar per epoch (a line every 10 s when not on a terminal)")
    boolean progress;

    static final class NetworkNames extends java.util.ArrayList<String> {
        NetworkNames() {
            super(Networks.NAMES);
        }
    }

    static final class DatasetNames extends java.util.ArrayList<String> {
        DatasetNames() {
            super(Datasets.NAMES);
            addAll(io.github.abasnn.data.events.EventDatasets.NAMES);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Set when the command line named --target itself (not its default): refused beside a cost target. */
    private boolean targetGiven;

    TrainConfig config() {
        int[] initBits = parseInit(init);
        CostTarget cost = CostTarget.of(targetSace, targetEnergy, energyModel);
        if (cost != null && targetGiven) {
            throw new IllegalArgumentException("--target (W/S/T) and --target-" + (cost.kind() == CostTarget.Kind.SACE
                    ? "sace" : "energy") + " are two kinds of target; give one");
        }
        if (cost != null && uniform) {
            throw new IllegalArgumentException("--uniform trains at fixed bits; it takes no --target-"
                    + (cost.kind() == CostTarget.Kind.SACE ? "sace" : "energy"));
        }
        if (!(costPenalty >= 0)) {
            throw new IllegalArgumentException("--cost-penalty must be >= 0, got " + costPenalty);
        }
        BitPenalties p = null;
        if (penalties != null) {
            String[] parts = penalties.split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("--penalties '" + penalties + "' must be lw,ls,lt");
            }
            p = new BitPenalties(Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2]));
        }
        Firing f;
        try {
            f = Firing.valueOf(firing.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--firing '" + firing + "' must be round or floor");
        }
        return new TrainConfig(network, width, dataset, dataDir != null ? dataDir : Path.of("data", dataset),
                initBits[0], initBits[1], initBits[2], BitTargets.parse(target), p, penaltyScale, uniform, epochs,
                batch, lr, bitLr, timeLr, momentum, weightDecay, RenewalPolicy.parse(renewal), f, tau, minEpochs,
                augment, trainLimit, testLimit, seed, out, frames, frameSplit, eventPool,
                calibrationBatches, StepGradient.parse(stepGrad), fixedBitsEpochs, stepLr, cost, costPenalty);
    }

    /**
     * Parses trainer options exactly as the command line does ({@code --name value} pairs) into a validated
     * configuration; other front ends (the Spark sweep) use it so an option means the same everywhere.
     *
     * @throws IllegalArgumentException naming the option when one is unknown or its value is bad
     */
    public static TrainConfig parse(String... args) {
        TrainCli cli = new TrainCli();
        try {
            cli.targetGiven = new CommandLine(cli).parseArgs(args).hasMatchedOption("--target");
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return cli.config().validate();
    }

    static int[] parseInit(String text) {
        String[] parts = text.split("/");
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

    @Override
    public Integer call() throws Exception {
        targetGiven = spec != null && spec.commandLine().getParseResult().hasMatchedOption("--target");
        TrainConfig cfg = config().validate();
        TrainResult r = new Trainer(cfg, progress).run(resume);
        System.out.println(Summary.of(r));
        return 0;
    }
}
