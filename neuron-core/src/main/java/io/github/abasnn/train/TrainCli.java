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
    /** Every default is read from here. */
    private static final TrainConfig D = TrainConfig.DEFAULTS;

    @Option(names = "--network", description = "network: ${COMPLETION-CANDIDATES}",
            completionCandidates = NetworkNames.class)
    String network = D.model().network();
    @Option(names = "--width", description = "base width (ResNet-20: paper 128, CPU 16)")
    int width = D.model().width();
    @Option(names = "--dataset", description = "dataset: ${COMPLETION-CANDIDATES}",
            completionCandidates = DatasetNames.class)
    String dataset = D.data().dataset();
    @Option(names = "--data-dir", description = "dataset directory, a path or a Hadoop URI (default: data/<dataset>)")
    String dataDir;
    @Option(names = "--init", description = "initial W/S/T")
    String init = D.bits().initText();
    @Option(names = "--target", description = "target average W/S/T")
    String target = D.bits().targets().toString();
    @Option(names = "--target-energy", description = "energy budget in µJ per image (under --energy-model) as the"
            + " target instead of W/S/T: a differentiable cost penalty drives spike bits and T (docs/method.md §5b)")
    Double targetEnergy;
    @Option(names = "--target-sace", description = "S-ACE budget in G per image as the target instead of W/S/T:"
            + " drives weight bits, spike bits and T")
    Double targetSace;
    @Option(names = "--energy-model", description = "energy model of --target-energy: " + CostTarget.HOROWITZ_45NM)
    String energyModel = CostTarget.HOROWITZ_45NM;
    @Option(names = "--cost-penalty", description = "weight of the cost penalty"
            + " lambda |C/C* - 1| (times --penalty-scale)")
    double costPenalty = D.bits().costPenalty();
    @Option(names = "--penalties", description = "bit-loss weights lw,ls,lt (default: the paper's for the target)")
    String penalties;
    @Option(names = "--penalty-scale", description = "multiplies the penalties; "
            + "short runs need more (e.g. 50 for a one-epoch run) to move a bit width across a rounding boundary")
    double penaltyScale = D.bits().penaltyScale();
    @Option(names = "--uniform", description = "uniform quantization baseline: bits and T fixed at --init")
    boolean uniform;
    @Option(names = "--epochs", description = "training epochs (the paper: 200)")
    int epochs = D.optimiser().epochs();
    @Option(names = "--batch", description = "images per batch (the paper: 128)")
    int batch = D.optimiser().batch();
    @Option(names = "--lr", description = "weight learning rate (cosine to 0)")
    double lr = D.optimiser().lr();
    @Option(names = "--bit-lr", description = "learning rate of bit widths and step sizes")
    double bitLr = D.optimiser().bitLr();
    @Option(names = "--t-lr", description = "learning rate of T")
    double timeLr = D.optimiser().timeLr();
    @Option(names = "--momentum", description = "Nesterov momentum of every group")
    double momentum = D.optimiser().momentum();
    @Option(names = "--weight-decay", description = "L2 on conv/dense weights only")
    double weightDecay = D.optimiser().weightDecay();
    @Option(names = "--renewal",
            description = "none | activation | weight | both (the paper's names; bilateral = both)")
    String renewal = lower(D.quantizers().renewal());
    @Option(names = "--firing", description = "round (the method) | floor (ablation)")
    String firing = lower(D.neuron().firing());
    @Option(names = "--tau", description = "membrane leak tau (1: integrate-and-fire, the method)")
    double tau = D.neuron().tau();
    @Option(names = "--min-epochs", description = "epochs before renewal may switch off")
    int minEpochs = D.quantizers().minEpochsBeforeSwitchOff();
    @Option(names = "--augment", negatable = true, fallbackValue = "true",
            description = "random crop + flip (+ Cutout on 32x32 images)")
    boolean augment = D.data().augment();
    @Option(names = "--frames", description = "event datasets: frames T per recording")
    int frames = D.data().frames();
    @Option(names = "--frame-split", description = "event datasets: number | time")
    String frameSplit = D.data().frameSplit();
    @Option(names = "--event-pool", description = "event datasets: sum-pool the sensor by this factor")
    int eventPool = D.data().eventPool();
    @Option(names = "--calibration-batches", description = "training batches run forward at each epoch end to catch renewal up and re-estimate"
                    + " batch-norm statistics before evaluation (0: off)")
    int calibrationBatches = D.quantizers().calibrationBatches();
    @Option(names = "--step-grad",
            description = "weight step-size gradient: lsq (canonical g S, g = 1/sqrt(N qmax), every layer; chosen by"
                    + " measurement, docs/results.md) or release (convs S/(C_out qmax), what the authors' release"
                    + " trains with; dense layers LSQ)")
    String stepGrad = lower(D.quantizers().stepGradient());
    @Option(names = "--fixed-bits-epochs",
            description = "final epochs in which bit widths and T stop learning and the weights train at the allocation"
                    + " reached (beyond the paper; 0: the paper's recipe)")
    int fixedBitsEpochs = D.bits().fixedBitsEpochs();
    @Option(names = "--step-lr",
            description = "learning rate of the weight and spike step sizes (default: --bit-lr, the paper's shared"
                    + " group; 0.01 keeps short low-bit runs from stalling, docs/training.md, \"Healthy baselines\")")
    double stepLr = D.optimiser().stepLr();
    @Option(names = "--train-limit", description = "use the first n training images (0: all)")
    int trainLimit = D.data().trainLimit();
    @Option(names = "--test-limit", description = "evaluate on the first n test images (0: all)")
    int testLimit = D.data().testLimit();
    @Option(names = "--seed", description = "seed of initialisation, shuffling and augmentation (the paper: 3407)")
    long seed = D.seed();
    @Option(names = "--device", description = "cpu | gpu: where the training step runs (gpu: the step plan on one"
            + " NVIDIA GPU, module neuron-gpu; the CPU still builds, checkpoints and evaluates the network)")
    String device = D.device().optionName();
    @Option(names = "--out", description = "output directory")
    Path out = D.outDir();
    @Option(names = "--resume", description = "continue from the checkpoint in --out")
    boolean resume;
    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "a progress bar per epoch (a line every 10 s when not on a terminal)")
    boolean progress = true;

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
        int[] initBits = TrainConfig.Bits.parseInit(init);
        CostTarget cost = CostTarget.of(targetSace, targetEnergy, energyModel);
        if (cost != null && targetGiven) {
            throw new IllegalArgumentException("--target (W/S/T) and --target-" + (cost.kind() == CostTarget.Kind.SACE
                    ? "sace" : "energy") + " are two kinds of target; give one");
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
        return new TrainConfig(new TrainConfig.Model(network, width),
                new TrainConfig.Data(dataset, dataDir, augment, trainLimit, testLimit, frames, frameSplit, eventPool),
                new TrainConfig.Bits(initBits[0], initBits[1], initBits[2], uniform, BitTargets.parse(target), p,
                        penaltyScale, cost, costPenalty, fixedBitsEpochs),
                new TrainConfig.Optimiser(epochs, batch, lr, bitLr, timeLr, stepLr, momentum, weightDecay),
                new TrainConfig.Neuron(f, tau),
                new TrainConfig.Quantizers(StepGradient.parse(stepGrad), RenewalPolicy.parse(renewal), minEpochs,
                        calibrationBatches),
                seed, ComputeDevice.parse(device), out);
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
        return cli.config();
    }

    /** Set by {@link TrainOptions}, which builds the configuration from named options without a command line. */
    void targetGiven(boolean given) {
        targetGiven = given;
    }

    private static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public Integer call() throws Exception {
        targetGiven = spec != null && spec.commandLine().getParseResult().hasMatchedOption("--target");
        TrainConfig cfg = config();
        TrainResult r = new Trainer(cfg, progress).run(resume);
        System.out.println(Summary.of(r));
        return 0;
    }
}
