package io.github.abasnn.results;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.abasnn.cost.CostReport;
import io.github.abasnn.sweep.TrialConfig;
import io.github.abasnn.sweep.TrialCurve;
import io.github.abasnn.train.BuildInfo;
import io.github.abasnn.train.EpochMetrics;
import io.github.abasnn.train.LayerReport;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.TrainResult;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

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
        Provenance p = Provenance.here(c.dataDir());
        CostReport cost = r.cost();
        Row t = RowFactory.create(json(trial), c.network(), c.dataset(), c.width(), init(c),
                target(c), c.uniform(), c.epochs(), c.seed(), r.testAccuracy(),
                cost.weightBitsAvg(), cost.spikeBitsAvg(), cost.timeStepsAvg(), cost.bitBudget(), cost.sAceG(),
                nan(cost.firingRate()), nan(cost.nsAceG()), nan(cost.energyPj()), cost.energyModel(), wallSeconds,
                r.status(), reason, codeVersion(), Instant.now().toString(), p.dataChecksum(), p.backend(), p.threads(),
                p.host(), p.sparkVersion(), p.nd4jVersion(), attempt);
        List<Row> epochs = new ArrayList<>();
        for (EpochMetrics m : r.epochs()) {
            epochs.add(RowFactory.create(m.epoch(), m.trainLoss(), m.bitLoss(), m.testAccuracy(), m.weightBits(),
                    m.spikeBits(), m.timeSteps(), m.bitBudget(), m.sAceG(), nan(m.firingRate()), nan(m.energyPj()),
                    nan(m.learningRate()), m.seconds(), m.imagesPerSecond()));
        }
        List<Row> layers = new ArrayList<>();
        for (int i = 0; i < r.layers().size(); i++) {
            layers.add(layerRow(null, i, r.layers().get(i)));
        }
        List<Row> layerEpochs = new ArrayList<>();
        for (EpochMetrics m : r.epochs()) {
            for (int i = 0; i < m.layers().size(); i++) {
                layerEpochs.add(layerRow(m.epoch(), i, m.layers().get(i)));
            }
        }
        return new TrialRows(trial.id(), List.of(t), epochs, layers, layerEpochs);
    }

    /** A {@code layers} row, or with {@code epoch} a {@code layer_epochs} row. */
    private static Row layerRow(Integer epoch, int position, LayerReport l) {
        List<Object> v = new ArrayList<>(List.of(l.name(), l.kind(), l.first(), l.weights(), l.macs(), l.weightBits(),
                l.weightBitParam(), l.weightStep(), l.timeSteps(), l.timeParam(),
                Arrays.stream(l.spikeBits()).boxed().toArray(Integer[]::new),
                Arrays.stream(l.spikeBitParams()).boxed().toArray(Double[]::new),
                Arrays.stream(l.spikeSteps()).boxed().toArray(Double[]::new)));
        v.add(nan(l.firingRate()));
        v.add(nan(l.energyPj()));
        v.add(position);
        if (epoch != null) {
            v.add(0, epoch);
        }
        return RowFactory.create(v.toArray());
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
        Provenance p = Provenance.here(c.dataDir());
        Row t = RowFactory.create(json(trial), c.network(), c.dataset(), c.width(), init(c),
                target(c), c.uniform(), c.epochs(), c.seed(), null, null, null, null,
                null, null, null, null, null, null, wallSeconds, "failed", reason, codeVersion(),
                Instant.now().toString(), p.dataChecksum(), p.backend(), p.threads(), p.host(), p.sparkVersion(),
                p.nd4jVersion(), attempt);
        return new TrialRows(trial.id(), List.of(t), List.of(), List.of(), List.of());
    }

    private static String init(TrainConfig c) {
        return c.initWeightBits() + "/" + c.initSpikeBits() + "/" + c.initTimeSteps();
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
        return c.uniform() ? null : c.costTarget() != null ? c.costTarget().toString() : c.targets().toString();
    }
}
