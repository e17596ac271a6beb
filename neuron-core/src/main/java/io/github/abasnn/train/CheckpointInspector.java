package io.github.abasnn.train;

import io.github.abasnn.nn.QuantParams;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The raw quantizer state of a checkpoint, per quantized layer: weight step size {@code a}, weight rms, their ratio
 * (how many of the quantizer's levels the weights use), and the real-valued bit widths and T before rounding.
 * A diagnostic for step-size drift: a ratio far from its siblings', or an {@code |B_hat|} at the cap, shows it.
 * Usage: {@code submit/core/inspect.sh runs/a [runs/b ...]} ({@code cli.Cli inspect}).
 */
public final class CheckpointInspector {
    private CheckpointInspector() {}

    /** One quantized layer's state. */
    public record Row(String layer, double weightStep, double weightRms, double weightMaxAbs, double weightBitsHat,
                      double spikeStep0, double spikeBitsHat0, double timeHat) {
        /** Weight rms in units of the step size. */
        public double rmsOverStep() {
            return weightRms / weightStep;
        }
    }

    public static List<Row> rows(ComputationGraph graph) {
        List<Row> rows = new ArrayList<>();
        for (Layer l : graph.getLayers()) {
            Map<String, INDArray> p = l.paramTable();
            if (!p.containsKey(QuantParams.WEIGHT_STEP)) {
                continue;
            }
            INDArray w = p.get(QuantParams.WEIGHTS);
            rows.add(new Row(l.conf().getLayer().getLayerName(), p.get(QuantParams.WEIGHT_STEP).getDouble(0),
                    w.norm2Number().doubleValue() / Math.sqrt(w.length()), w.amaxNumber().doubleValue(),
                    p.get(QuantParams.WEIGHT_BITS).getDouble(0), p.get(QuantParams.SPIKE_STEPS).getDouble(0),
                    p.get(QuantParams.SPIKE_BITS).getDouble(0), p.get(QuantParams.TIME).getDouble(0)));
        }
        return rows;
    }

    public static void print(List<Row> rows, PrintStream out) {
        out.printf(Locale.ROOT, "%-12s %10s %10s %10s %9s %8s %10s %8s %6s%n", "layer", "a", "w rms", "w max",
                "rms/a", "Bw_hat", "g_0", "Bs_hat0", "T_hat");
        for (Row r : rows) {
            out.printf(Locale.ROOT, "%-12s %10.3e %10.3e %10.3e %9.2f %8.2f %10.3e %8.2f %6.2f%n", r.layer(),
                    r.weightStep(), r.weightRms(), r.weightMaxAbs(), r.rmsOverStep(), r.weightBitsHat(),
                    r.spikeStep0(), r.spikeBitsHat0(), r.timeHat());
        }
    }

    /** The rows of the run in {@code run}; fails naming it when it has no checkpoint. */
    public static List<Row> rows(Path run) throws IOException {
        if (!Checkpoints.exists(run)) {
            throw new java.nio.file.NoSuchFileException(Checkpoints.path(run) + ": no checkpoint");
        }
        return rows(Checkpoints.load(run).graph());
    }
}
