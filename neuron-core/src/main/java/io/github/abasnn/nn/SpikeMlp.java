package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;

/**
 * The three-layer MLP for spoken-digit spikes (SHD, method.md §6): {@code inputs - hidden - hidden - classes}
 * (700-256-256-20), quantized dense + BN + ReLU, on T time bins folded into the batch; outputs averaged over time.
 * Input rows are {@code [B, T*inputs]} (bin-major).
 */
public final class SpikeMlp {
    private SpikeMlp() {}

    public static ComputationGraphConfiguration build(int inputs, int hidden, int classes, NetworkOptions o, long seed) {
        if (inputs < 1 || hidden < 1 || classes < 2 || o.frames() < 1) {
            throw new IllegalArgumentException("spike MLP needs inputs, hidden >= 1, classes >= 2 and frames >= 1, got "
                    + inputs + ", " + hidden + ", " + classes + ", frames " + o.frames());
        }
        ComputationGraphConfiguration.GraphBuilder g =
                GraphParts.start(o, seed, InputType.feedForward((long) inputs * o.frames()));
        String in = GraphParts.input(g, o);
        for (int l = 1; l <= 2; l++) {
            String name = "fc" + l;
            g.addLayer(name, o.apply(new QuantDense.Builder()).nOut(hidden).first(l == 1).build(), in);
            g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
            in = GraphParts.relu(g, name + "_relu", name + "_bn");
        }
        g.addLayer("fc", o.apply(new QuantDense.Builder()).nOut(classes).hasBias(true).build(), in);
        GraphParts.loss(g, o, "fc");
        return g.build();
    }
}
