package io.github.abasnn.ml;

import io.github.abasnn.distributed.DataParallel;
import io.github.abasnn.distributed.SparkEpochFitter;
import io.github.abasnn.nn.Networks;
import io.github.abasnn.train.Checkpoints;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.loss.CostTarget;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainResult;
import io.github.abasnn.train.Trainer;
import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.ImageBatches;
import io.github.abasnn.data.ImageSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.Estimator;
import org.apache.spark.ml.param.BooleanParam;
import org.apache.spark.ml.param.DoubleParam;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.LongParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Trains a multi-bit spiking network that learns its bit allocation on a DataFrame of images and labels, as a
 * Spark ML {@code Estimator}. The trainer's options are typed {@code Param}s of the same names (camel case:
 * {@code penaltyScale} is {@code --penalty-scale}) and defaults ({@code TrainConfig.DEFAULTS}). {@link #fit} stages
 * the images in a published format under {@code workDir} (streamed, never collected), splits off
 * {@code validationFraction} for the per-epoch evaluation, and trains data-parallel (parameter averaging)
 * with the single-machine trainer (renewal, recalibration, switch-off rule, checkpoints all as in {@code train}).
 * Labels are class indices below 10, the staged formats' class count.
 */
public final class SnnClassifier extends Estimator<SnnClassificationModel>
        implements DefaultParamsWritable, HasImageColumns {
    private static final long serialVersionUID = 1L;
    private final String uid;
    /** The trainer's defaults, the one place they are written. */
    private static final TrainConfig D = TrainConfig.DEFAULTS;

    private final ImageColumnParams columns;
    private final Param<String> network;
    private final IntParam width;
    private final Param<String> init;
    private final Param<String> target;
    private final DoubleParam targetEnergy;
    private final DoubleParam targetSace;
    private final DoubleParam penaltyScale;
    private final BooleanParam uniform;
    private final IntParam epochs;
    private final IntParam batch;
    private final DoubleParam lr;
    private final DoubleParam bitLr;
    private final Param<String> stepGrad;
    private final LongParam seed;
    private final IntParam workers;
    private final IntParam averagingFrequency;
    private final DoubleParam validationFraction;
    private final Param<String> workDir;

    public SnnClassifier() {
        this(Identifiable$.MODULE$.randomUID("snnClassifier"));
    }

    public SnnClassifier(String uid) {
        this.uid = uid;
        columns = ImageColumnParams.of(this);
        network = new Param<>(this, "network", "network: " + Networks.NAMES,
                ParamValidators.inArray(Networks.NAMES.toArray(new String[0])));
        width = new IntParam(this, "width", "base width (ResNet-20: paper 128)",
                ParamValidators.gtEq(1));
        init = new Param<>(this, "init", "initial W/S/T");
        target = new Param<>(this, "target", "target average W/S/T");
        targetEnergy = new DoubleParam(this, "targetEnergy", "energy budget in µJ per image as the target instead"
                + " of W/S/T (0: none)", ParamValidators.gtEq(0));
        targetSace = new DoubleParam(this, "targetSace", "S-ACE budget in G per image as the target instead of W/S/T"
                + " (0: none)", ParamValidators.gtEq(0));
        penaltyScale = new DoubleParam(this, "penaltyScale", "multiplies the bit-loss"
                + " penalties", ParamValidators.gtEq(0));
        uniform = new BooleanParam(this, "uniform", "uniform baseline: bits and T fixed");
        epochs = new IntParam(this, "epochs", "training epochs", ParamValidators.gtEq(1));
        batch = new IntParam(this, "batch", "images per batch", ParamValidators.gtEq(1));
        lr = new DoubleParam(this, "lr", "weight learning rate", ParamValidators.gt(0));
        bitLr = new DoubleParam(this, "bitLr", "learning rate of bit widths and steps",
                ParamValidators.gtEq(0));
        stepGrad = new Param<>(this, "stepGrad", "step-size gradient: lsq | release",
                ParamValidators.inArray(new String[] {"lsq", "release"}));
        seed = new LongParam(this, "seed", "random seed");
        workers = new IntParam(this, "workers", "data partitions trained at once",
                ParamValidators.gtEq(1));
        averagingFrequency = new IntParam(this, "averagingFrequency", "mini-batches per worker"
                + " between parameter averagings", ParamValidators.gtEq(1));
        validationFraction = new DoubleParam(this, "validationFraction", "share of the rows"
                + " held out for the per-epoch evaluation", ParamValidators.inRange(0.01, 0.5));
        workDir = new Param<>(this, "workDir", "where staged images, checkpoints and the"
                + " run land (shared by the executors on a cluster)");
        columns.defaults().forEach(p -> setDefault(p.param(), p.value()));
        setDefault(network, D.model().network());
        setDefault(width, D.model().width());
        setDefault(init, D.bits().initText());
        setDefault(target, D.bits().targets().toString());
        setDefault(targetEnergy, 0.0);
        setDefault(targetSace, 0.0);
        setDefault(penaltyScale, D.bits().penaltyScale());
        setDefault(uniform, D.bits().uniform());
        setDefault(epochs, D.optimiser().epochs());
        setDefault(batch, D.optimiser().batch());
        setDefault(lr, D.optimiser().lr());
        setDefault(bitLr, D.optimiser().bitLr());
        setDefault(stepGrad, D.quantizers().stepGradient().name().toLowerCase(Locale.ROOT));
        setDefault(seed, D.seed());
        setDefault(workers, 2);
        setDefault(averagingFrequency, 5);
        setDefault(validationFraction, 0.1);
        setDefault(workDir, "runs/ml");
    }

    @Override
    public ImageColumnParams imageColumns() {
        return columns;
    }

    // MLlib finds params through public no-argument methods returning a Param
    public Param<String> network() { return network; }
    public IntParam width() { return width; }
    public Param<String> init() { return init; }
    public Param<String> target() { return target; }
    public DoubleParam targetEnergy() { return targetEnergy; }
    public DoubleParam targetSace() { return targetSace; }
    public DoubleParam penaltyScale() { return penaltyScale; }
    public BooleanParam uniform() { return uniform; }
    public IntParam epochs() { return epochs; }
    public IntParam batch() { return batch; }
    public DoubleParam lr() { return lr; }
    public DoubleParam bitLr() { return bitLr; }
    public Param<String> stepGrad() { return stepGrad; }
    public LongParam seed() { return seed; }
    public IntParam workers() { return workers; }
    public IntParam averagingFrequency() { return averagingFrequency; }
    public DoubleParam validationFraction() { return validationFraction; }
    public Param<String> workDir() { return workDir; }

    @Override
    public String uid() {
        return uid;
    }

    public SnnClassifier setFeaturesCol(String v) { return (SnnClassifier) set(featuresCol(), v); }
    public SnnClassifier setLabelCol(String v) { return (SnnClassifier) set(labelCol(), v); }
    public SnnClassifier setImageShape(String v) { return (SnnClassifier) set(imageShape(), v); }
    public SnnClassifier setNetwork(String v) { return (SnnClassifier) set(network, v); }
    public SnnClassifier setWidth(int v) { return (SnnClassifier) set(width, v); }
    public SnnClassifier setInit(String v) { return (SnnClassifier) set(init, v); }
    public SnnClassifier setTarget(String v) { return (SnnClassifier) set(target, v); }
    public SnnClassifier setTargetEnergy(double v) { return (SnnClassifier) set(targetEnergy, v); }
    public SnnClassifier setTargetSace(double v) { return (SnnClassifier) set(targetSace, v); }
    public SnnClassifier setPenaltyScale(double v) { return (SnnClassifier) set(penaltyScale, v); }
    public SnnClassifier setUniform(boolean v) { return (SnnClassifier) set(uniform, v); }
    public SnnClassifier setEpochs(int v) { return (SnnClassifier) set(epochs, v); }
    public SnnClassifier setBatch(int v) { return (SnnClassifier) set(batch, v); }
    public SnnClassifier setLr(double v) { return (SnnClassifier) set(lr, v); }
    public SnnClassifier setSeed(long v) { return (SnnClassifier) set(seed, v); }
    public SnnClassifier setWorkers(int v) { return (SnnClassifier) set(workers, v); }
    public SnnClassifier setValidationFraction(double v) { return (SnnClassifier) set(validationFraction, v); }
    public SnnClassifier setWorkDir(String v) { return (SnnClassifier) set(workDir, v); }

    /**
     * The training configuration these params stand for, reading {@code dataset} from {@code dataDir} into
     * {@code out}; what no param sets is the trainer's default. Fails naming the param when a value is not allowed.
     */
    TrainConfig trainConfig(String dataset, Path dataDir, Path out) {
        double energy = (Double) getOrDefault(targetEnergy);
        double sace = (Double) getOrDefault(targetSace);
        CostTarget cost = CostTarget.of(sace > 0 ? sace : null, energy > 0 ? energy : null, CostTarget.HOROWITZ_45NM);
        if (cost != null && isSet(target)) {
            throw new IllegalArgumentException("target (W/S/T) and " + (sace > 0 ? "targetSace" : "targetEnergy")
                    + " are two kinds of target; set one");
        }
        int[] w = TrainConfig.Bits.parseInit(getOrDefault(init));
        return D.withModel(new TrainConfig.Model(getOrDefault(network), (Integer) getOrDefault(width)))
                .withData(new TrainConfig.Data(dataset, dataDir.toString(), D.data().augment(), 0, 0,
                        D.data().frames(), D.data().frameSplit(), D.data().eventPool()))
                .withBits(new TrainConfig.Bits(w[0], w[1], w[2], (Boolean) getOrDefault(uniform),
                        BitTargets.parse(getOrDefault(target)), D.bits().penalties(),
                        (Double) getOrDefault(penaltyScale), cost, D.bits().costPenalty(),
                        D.bits().fixedBitsEpochs()))
                .withOptimiser(new TrainConfig.Optimiser((Integer) getOrDefault(epochs),
                        (Integer) getOrDefault(batch), (Double) getOrDefault(lr), (Double) getOrDefault(bitLr),
                        D.optimiser().timeLr(), D.optimiser().stepLr(), D.optimiser().momentum(),
                        D.optimiser().weightDecay()))
                .withQuantizers(new TrainConfig.Quantizers(StepGradient.parse(getOrDefault(stepGrad)),
                        D.quantizers().renewal(), D.quantizers().minEpochsBeforeSwitchOff(),
                        D.quantizers().calibrationBatches()))
                .withSeed((Long) getOrDefault(seed))
                .withOutDir(out);
    }

    @Override
    public SnnClassificationModel fit(Dataset<?> dataset) {
        transformSchema(dataset.schema(), true);
        Dataset<Row> df = dataset.toDF();
        int[] shape = shape(df);
        int classes = ImageStaging.CLASSES;
        String data = ImageStaging.datasetFor(shape[0], shape[1], shape[2]);
        // one directory per fit, so fitting the same estimator again never meets a finished run
        Path work = Path.of(getOrDefault(workDir)).toAbsolutePath().resolve(uid)
                .resolve("fit-" + System.currentTimeMillis());
        Path staged = work.resolve("data");
        Path run = work.resolve("run");
        TrainConfig cfg = trainConfig(data, staged, run); // bad params fail here, named
        // decoded once (the split and the staging each read it again), and staged from a few large partitions:
        // toLocalIterator runs one job per partition, and an image folder is read as thousands of small ones
        int partitions = Math.max(1, df.sparkSession().sparkContext().defaultParallelism());
        Dataset<Row> rows = df.select(getOrDefault(featuresCol()), getOrDefault(labelCol()))
                .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
        ImageColumn images = ImageColumn.of(rows.schema(), getOrDefault(featuresCol()), shape[0], shape[1], shape[2]);
        int imageIndex = 0;
        int labelIndex = 1;
        double vf = (Double) getOrDefault(validationFraction);
        Dataset<Row>[] split = rows.randomSplit(new double[] {1 - vf, vf}, (Long) getOrDefault(seed));
        split[0] = split[0].coalesce(partitions);
        split[1] = split[1].coalesce(partitions);
        try {
            ImageStaging.write(split[0], images, imageIndex, labelIndex, classes, shape[0], shape[1], shape[2],
                    staged, true);
            ImageStaging.write(split[1], images, imageIndex, labelIndex, classes, shape[0], shape[1], shape[2],
                    staged, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage images under " + staged, e);
        } finally {
            rows.unpersist();
        }
        JavaSparkContext sc = JavaSparkContext.fromSparkContext(df.sparkSession().sparkContext());
        DataParallel parallel = new DataParallel(DataParallel.AVERAGING, (Integer) getOrDefault(workers),
                (Integer) getOrDefault(averagingFrequency), 1e-3, 40123);
        try {
            TrainResult result = new Trainer(cfg, false).fitter(new SparkEpochFitter(sc, cfg, parallel)).run(false);
            Checkpoints.Restored restored = Checkpoints.load(run);
            ImageSet train = Datasets.train(data, staged);
            float[][] stats = ImageBatches.channelStats(train);
            SnnNetwork net = SnnNetwork.of(restored.graph(), stats[0], stats[1], shape[0], shape[1], shape[2],
                    classes);
            Map<String, String> summary = new LinkedHashMap<>();
            summary.put("validation_accuracy", String.format(Locale.ROOT, "%.4f", result.testAccuracy()));
            summary.put("bit_budget", String.format(Locale.ROOT, "%.4f", result.cost().bitBudget()));
            summary.put("wst", String.format(Locale.ROOT, "%.2f/%.2f/%.2f", result.cost().weightBitsAvg(),
                    result.cost().spikeBitsAvg(), result.cost().timeStepsAvg()));
            summary.put("energy_pj", String.format(Locale.ROOT, "%.1f", result.cost().energyPj()));
            summary.put("train_config", cfg.toJson());
            return copyValues(new SnnClassificationModel(uid, net, summary), ParamMap.empty()).setParent(this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the trained network from " + run, e);
        }
    }

    /** {C, H, W}: from {@code imageShape}, else from the first image-data-source struct. */
    private int[] shape(Dataset<Row> df) {
        String s = getOrDefault(imageShape());
        if (!s.isBlank()) {
            return parseShape(s);
        }
        String col = getOrDefault(featuresCol());
        ImageColumn probe = ImageColumn.of(df.schema(), col, 1, 1, 1);
        if (probe.kind() != ImageColumn.Kind.IMAGE_STRUCT) {
            throw new IllegalArgumentException("image column '" + col + "' carries no shape; set imageShape (CxHxW)");
        }
        List<Row> first = df.select(col).takeAsList(1);
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the DataFrame has no rows to train on");
        }
        return ImageColumn.shapeOf(first.get(0), 0);
    }

    static int[] parseShape(String s) {
        String[] p = s.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 3) {
                int[] out = {Integer.parseInt(p[0].trim()), Integer.parseInt(p[1].trim()), Integer.parseInt(p[2].trim())};
                if (out[0] >= 1 && out[1] >= 1 && out[2] >= 1) {
                    return out;
                }
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("imageShape '" + s + "' is not CxHxW, e.g. 1x28x28");
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return SnnClassificationModel.outputSchema(schema, getOrDefault(featuresCol()), getOrDefault(labelCol()),
                getOrDefault(predictionCol()), getOrDefault(probabilityCol()), true);
    }

    @Override
    public SnnClassifier copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    public static MLReader<SnnClassifier> read() {
        return new DefaultParamsReader<>();
    }

    public static SnnClassifier load(String path) {
        return read().load(path);
    }
}
