package io.github.abasnn.results.store;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.createArrayType;

import org.apache.spark.sql.types.StructType;

/**
 * The documented schemas of the three result tables. Each is Parquet under {@code <results>/<table>/}, partitioned
 * by {@code sweep} and {@code trial_id} (a trial's rows are one directory, moved into place as a unit). A trial
 * exists when its {@code trials} row does; {@code epochs} and {@code layers} rows of a trial without one are leftovers
 * of a crash and are ignored by the SQL views and replaced on retry.
 */
public final class ResultTables {
    public static final String TRIALS = "trials";
    public static final String EPOCHS = "epochs";
    public static final String LAYERS = "layers";
    public static final String LAYER_EPOCHS = "layer_epochs";

    /** Every table, in commit order: a trial's {@code trials} row goes last, so it marks the trial committed. */
    public static final java.util.List<String> ALL = java.util.List.of(EPOCHS, LAYERS, LAYER_EPOCHS, TRIALS);
    public static final String PREDICTIONS = "predictions";
    public static final String CLASS_METRICS = "class_metrics";
    /** Tables the {@code score} job writes, one partition per (sweep, trial) scored, replaced on a re-run. */
    public static final java.util.List<String> SCORES = java.util.List.of(PREDICTIONS, CLASS_METRICS);

    private ResultTables() {}

    /**
     * The version of these schemas, kept as each Delta table's {@value #SCHEMA_VERSION_PROPERTY} property: 1 the
     * first Delta tables, 2 added {@code trials.attempt}, 3 {@code trials.renewal}. A store of a newer version is
     * refused (columns this build
     * does not know would be dropped on rewrite); an older one is upgraded on its next commit (added columns read as
     * null in older rows).
     */
    public static final int SCHEMA_VERSION = 3;
    public static final String SCHEMA_VERSION_PROPERTY = "abasnn.schemaVersion";

    /** Per trial: its configuration, final accuracy, learned W/S/T and costs, wall time, status. */
    public static final StructType TRIAL = new StructType()
            .add("config_json", StringType, false)     // every trainer option, as JSON (provenance)
            .add("network", StringType, false)
            .add("dataset", StringType, false)
            .add("width", IntegerType, false)
            .add("init", StringType, false)            // W/S/T
            .add("target", StringType, true)           // W/S/T, null for uniform baselines
            .add("uniform", BooleanType, false)
            .add("epochs", IntegerType, false)
            .add("seed", LongType, false)
            .add("test_accuracy", DoubleType, true)
            .add("weight_bits", DoubleType, true)      // learned averages, first layer excluded
            .add("spike_bits", DoubleType, true)
            .add("time_steps", DoubleType, true)
            .add("bit_budget", DoubleType, true)
            .add("s_ace_g", DoubleType, true)
            .add("firing_rate", DoubleType, true)
            .add("ns_ace_g", DoubleType, true)
            .add("energy_pj", DoubleType, true)
            .add("energy_model", StringType, true)
            .add("wall_seconds", DoubleType, false)
            .add("status", StringType, false)          // ok | stopped (median stopping) | failed
            .add("failure_reason", StringType, true)   // failed: the error; stopped: the rule and epoch
            .add("code_version", StringType, false)    // version and git commit (dirty flag) of the build
            .add("finished_at", StringType, false)     // ISO-8601 UTC
            .add("data_checksum", StringType, true)    // sha256 of the dataset directory (DataChecksum)
            .add("backend", StringType, true)          // ND4J backend class, e.g. CpuBackend
            .add("threads", StringType, true)          // cores and OpenMP threads of the training JVM
            .add("host", StringType, true)
            .add("spark_version", StringType, true)
            .add("nd4j_version", StringType, true)
            .add("attempt", IntegerType, true)         // which attempt wrote the row: 1, or more after retries/re-runs
            .add("renewal", StringType, true);         // none | activation | weight | both (method.md §4)

    /** Per trial and epoch: the trainer's epoch metrics. */
    public static final StructType EPOCH = new StructType()
            .add("epoch", IntegerType, false)
            .add("train_loss", DoubleType, false)       // mean DL4J score: cross-entropy + 1/2 * L2 * sum(w^2)
            .add("bit_loss", DoubleType, false)
            .add("test_accuracy", DoubleType, false)
            .add("weight_bits", DoubleType, false)
            .add("spike_bits", DoubleType, false)
            .add("time_steps", DoubleType, false)
            .add("bit_budget", DoubleType, false)
            .add("s_ace_g", DoubleType, false)
            .add("firing_rate", DoubleType, true)
            .add("energy_pj", DoubleType, true)
            .add("learning_rate", DoubleType, true)
            .add("seconds", DoubleType, false)
            .add("images_per_second", DoubleType, false);

    /** Per trial and quantized layer: the learned allocation. */
    public static final StructType LAYER = new StructType()
            .add("layer", StringType, false)
            .add("kind", StringType, false)            // conv | dense
            .add("first", BooleanType, false)
            .add("weights", LongType, false)
            .add("macs", LongType, false)
            .add("weight_bits", IntegerType, false)
            .add("weight_bit_param", DoubleType, false)
            .add("weight_step", DoubleType, false)
            .add("time_steps", IntegerType, false)
            .add("time_param", DoubleType, false)
            .add("spike_bits", createArrayType(IntegerType, false), false)   // per computed time step
            .add("spike_bit_params", createArrayType(DoubleType, false), false)
            .add("spike_steps", createArrayType(DoubleType, false), false)
            .add("firing_rate", DoubleType, true)
            .add("energy_pj", DoubleType, true)        // per image, under the trial's energy model
            .add("position", IntegerType, true);       // index in the network, input first

    /** Per trial, epoch and quantized layer: the allocation at that epoch's end (how the bits moved). */
    public static final StructType LAYER_EPOCH = new StructType(java.util.stream.Stream.concat(
            java.util.stream.Stream.of(new org.apache.spark.sql.types.StructField("epoch", IntegerType, false,
                    org.apache.spark.sql.types.Metadata.empty())), java.util.Arrays.stream(LAYER.fields()))
            .toArray(org.apache.spark.sql.types.StructField[]::new));

    /** Per scored image: its row in the dataset, label and the model's prediction. */
    public static final StructType PREDICTION = new StructType()
            .add("dataset", StringType, false)
            .add("row_id", LongType, false)
            .add("label", IntegerType, false)
            .add("prediction", IntegerType, false);

    /** Per scored class (MLlib's MulticlassMetrics): precision, recall, F1, support, and the confusion row. */
    public static final StructType CLASS_METRIC = new StructType()
            .add("dataset", StringType, false)
            .add("class", IntegerType, false)
            .add("precision", DoubleType, false)
            .add("recall", DoubleType, false)
            .add("f1", DoubleType, false)
            .add("support", LongType, false)
            .add("confusion", org.apache.spark.sql.types.DataTypes.createArrayType(LongType, false), false);

    /** The schema of a table, by name. */
    public static StructType schema(String table) {
        return switch (table) {
            case TRIALS -> TRIAL;
            case EPOCHS -> EPOCH;
            case LAYERS -> LAYER;
            case LAYER_EPOCHS -> LAYER_EPOCH;
            case PREDICTIONS -> PREDICTION;
            case CLASS_METRICS -> CLASS_METRIC;
            default -> throw new IllegalArgumentException("unknown table '" + table + "'; known: " + ALL);
        };
    }
}
