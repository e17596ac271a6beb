package io.github.abasnn.results.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.abasnn.cost.CostReport;
import io.github.abasnn.sweep.TrialConfig;
import io.github.abasnn.sweep.TrialCurve;
import io.github.abasnn.train.BuildInfo;
import io.github.abasnn.train.EpochMetrics;
import io.github.abasnn.train.LayerReport;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrialStatus;
import io.github.abasnn.train.TrainResult;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;

/** One trial's rows for the three tables, built from a training result (or a failure). Serializable to the driver. */
public record TrialRows(String trialId, List<Row> trials, List<Row> epochs, List<Row> layers, List<Row> layerEpochs)
        implements Serializable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The build that trained the trial: version and git commit ({@link BuildInfo}). */
    static String codeVersion() {
        return BuildInfo.current().describe();
    }

    public static TrialRows of(TrialConfig trial, TrainResult r, double wallSeconds) {
        return of(trial, r, wallSeconds, null, 1);
    }

    /**
     * As above, with {@code reason} in the reason column (why a trial stopped early; null: none) and the number of
     * the attempt that trained it.
     */
    public static TrialRows of(TrialConfig trial, TrainResult r, double wallSeconds, String reason, int attempt) {
        TrainConfig c = r.config();
        CostReport cost = r.cost();
        Row t = trialRow(trial, c, r.status(), reason, wallSeconds, attempt)
                .set("test_accuracy", r.testAccuracy())
                .set("weight_bits", cost.weightBitsAvg())
                .set("spike_bits", cost.spikeBitsAvg())
                .set("time_steps", cost.timeStepsAvg())
                .set("bit_budget", cost.bitBudget())
                .set("s_ace_g", cost.sAceG())
                .set("firing_rate", nan(cost.firingRate()))
                .set("ns_ace_g", nan(cost.nsAceG()))
                .set("energy_pj", nan(cost.energyPj()))
                .set("energy_model", cost.energyModel())
                .build();
        List<Row> epochs = new ArrayList<>();
        for (EpochMetrics m : r.epochs()) {
            epochs.add(SchemaRow.of(ResultTables.EPOCHS)
                    .set("epoch", m.epoch())
                    .set("train_loss", m.trainLoss())
                    .set("bit_loss", m.bitLoss())
                    .set("test_accuracy", m.testAccuracy())
                    .set("weight_bits", m.weightBits())
                    .set("spike_bits", m.spikeBits())
                    .set("time_steps", m.timeSteps())
                    .set("bit_budget", m.bitBudget())
                    .set("s_ace_g", m.sAceG())
                    .set("firing_rate", nan(m.firingRate()))
                    .set("energy_pj", nan(m.energyPj()))
                    .set("learning_rate", nan(m.learningRate()))
                    .set("seconds", m.seconds())
                    .set("images_per_second", m.imagesPerSecond())
                    .build());
        }
        List<Row> layers = new ArrayList<>();
        for (int i = 0; i < r.layers().size(); i++) {
            layers.add(layerRow(SchemaRow.of(ResultTables.LAYERS), i, r.layers().get(i)).build());
        }
        List<Row> layerEpochs = new ArrayList<>();
        for (EpochMetrics m : r.epochs()) {
            for (int i = 0; i < m.layers().size(); i++) {
                layerEpochs.add(layerRow(SchemaRow.of(ResultTables.LAYER_EPOCHS), i, m.layers().get(i))
                        .set("epoch", m.epoch()).build());
            }
        }
        return new TrialRows(trial.id(), List.of(t), epochs, layers, layerEpochs);
    }

    /** The columns a {@code layers} and a {@code layer_epochs} row share. */
    private static SchemaRow layerRow(SchemaRow row, int position, LayerReport l) {
        return row.set("layer", l.name())
                .set("kind", l.kind())
                .set("first", l.first())
                .set("weights", l.weights())
                .set("macs", l.macs())
                .set("weight_bits", l.weightBits())
                .set("weight_bit_param", l.weightBitParam())
                .set("weight_step", l.weightStep())
                .set("time_steps", l.timeSteps())
                .set("time_param", l.timeParam())
                .set("spike_bits", Arrays.stream(l.spikeBits()).boxed().toArray(Integer[]::new))
                .set("spike_bit_params", Arrays.stream(l.spikeBitParams()).boxed().toArray(Double[]::new))
                .set("spike_steps", Arrays.stream(l.spikeSteps()).boxed().toArray(Double[]::new))
                .set("firing_rate", nan(l.firingRate()))
                .set("energy_pj", nan(l.energyPj()))
                .set("position", position);
    }

    /** The columns of a {@code trials} row every trial has, finished or failed: what it is, where and how it ran. */
    private static SchemaRow trialRow(TrialConfig trial, TrainConfig c, TrialStatus status, String reason,
                                      double wallSeconds, int attempt) {
        Provenance p = Provenance.here(c.data().isRemote() ? null : c.data().localDir(), c.device());
        return SchemaRow.of(ResultTables.TRIALS)
                .set("config_json", json(trial))
                .set("network", c.model().network())
                .set("dataset", c.data().dataset())
                .set("width", c.model().width())
                .set("init", init(c))
                .set("target", target(c))
                .set("uniform", c.bits().uniform())
                .set("epochs", c.optimiser().epochs())
                .set("seed", c.seed())
                .set("wall_seconds", wallSeconds)
                .set("status", status.column())
                .set("failure_reason", reason)
                .set("code_version", codeVersion())
                .set("finished_at", Instant.now().toString())
                .set("data_checksum", p.dataChecksum())
                .set("backend", p.backend())
                .set("threads", p.threads())
                .set("host", p.host())
                .set("spark_version", p.sparkVersion())
                .set("nd4j_version", p.nd4jVersion())
                .set("attempt", attempt)
                .set("renewal", c.quantizers().renewalName());
    }

    /** How the trial ended, as its {@code trials} row records it. */
    public TrialStatus status() {
        return TrialStatus.ofColumn(trials.get(0).getString(ResultTables.TRIAL.fieldIndex("status")));
    }

    /** The rows of {@code table} ({@link ResultTables#ALL}). */
    public List<Row> rows(String table) {
        return switch (table) {
            case ResultTables.TRIALS -> trials;
            case ResultTables.EPOCHS -> epochs;
            case ResultTables.LAYERS -> layers;
            case ResultTables.LAYER_EPOCHS -> layerEpochs;
            default -> throw new IllegalArgumentException("unknown table '" + table + "'");
        };
    }

    /** Accuracy and bit budget per epoch (empty for a failed trial): what the stopping rules compare against. */
    public TrialCurve curve() {
        return new TrialCurve(
                epochs.stream().mapToDouble(r -> r.getDouble(ResultTables.EPOCH.fieldIndex("test_accuracy"))).toArray(),
                epochs.stream().mapToDouble(r -> r.getDouble(ResultTables.EPOCH.fieldIndex("bit_budget"))).toArray());
    }

    /** A trial whose training failed: one trials row with status {@code failed} and the reason. */
    public static TrialRows failed(TrialConfig trial, TrainConfig c, String reason, double wallSeconds, int attempt) {
        SchemaRow t = trialRow(trial, c, TrialStatus.FAILED, reason, wallSeconds, attempt);
        for (String unmeasured : List.of("test_accuracy", "weight_bits", "spike_bits", "time_steps", "bit_budget",
                "s_ace_g", "firing_rate", "ns_ace_g", "energy_pj", "energy_model")) {
            t.set(unmeasured, null);
        }
        return new TrialRows(trial.id(), List.of(t.build()), List.of(), List.of(), List.of());
    }

    private static String init(TrainConfig c) {
        return c.bits().initText();
    }

    private static Double nan(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static String json(TrialConfig trial) {
        try {
            return JSON.writeValueAsString(trial.options());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The trial's target as recorded: W/S/T, or the cost budget it trained towards; null for a uniform baseline. */
    static String target(io.github.abasnn.train.TrainConfig c) {
        return c.bits().recordedTarget();
    }
}
