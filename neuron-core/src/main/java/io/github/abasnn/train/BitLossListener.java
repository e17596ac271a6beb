package io.github.abasnn.train;

import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.LayerBits;
import io.github.abasnn.nn.LayerSteps;
import io.github.abasnn.nn.QuantizedLayer;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.SpikingGraph;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Adds the bit loss (method.md §5) to the objective: after DL4J computes the cross-entropy gradients and before the
 * updater applies them, it adds the bit loss's gradients to every learnable layer's {@code Bw_hat}, {@code Bs_hat}
 * and {@code T_hat}. DL4J's gradients are sums over the batch that the updater divides by the batch size, so the
 * bit loss's gradients are scaled by the batch size here to enter the mean exactly once.
 */
public final class BitLossListener extends BaseTrainingListener implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final BitLoss loss; // travels to Spark workers with the listener
    private transient volatile BitLoss.Result last;

    public BitLossListener(BitLoss loss) {
        this.loss = loss;
    }

    /** The bit loss this listener adds. */
    public BitLoss loss() {
        return loss;
    }

    /** The bit loss of the last iteration (null before the first). */
    public BitLoss.Result last() {
        return last;
    }

    @Override
    public void onGradientCalculation(Model model) {
        long clock = io.github.abasnn.profile.PhaseTimes.start();
        try {
            addBitLoss(model);
        } finally {
            io.github.abasnn.profile.PhaseTimes.stop(io.github.abasnn.profile.Phase.BIT_LOSS, clock);
        }
    }

    private void addBitLoss(Model model) {
        ComputationGraph graph = (ComputationGraph) model;
        List<QuantizedLayerImpl<?>> learnable = new ArrayList<>();
        for (QuantizedLayerImpl<?> l : SpikingGraph.layers(graph)) {
            if (SpikingGraph.learnable(l)) {
                learnable.add(l);
            }
        }
        if (learnable.isEmpty()) {
            return;
        }
        List<LayerBits> bits = SpikingGraph.bits(learnable);
        BitLoss.Result r = loss.evaluate(bits);
        addGradients(learnable, r.gradients(), Math.max(1, graph.batchSize()));
        last = r;
    }

    /**
     * Adds per-layer penalty gradients to the layers' gradient views, each only where that quantity is learned,
     * scaled by the batch size (DL4J's gradients are batch sums the updater divides).
     */
    static void addGradients(List<QuantizedLayerImpl<?>> layers, List<BitLoss.Gradient> grads, double batch) {
        for (int i = 0; i < layers.size(); i++) {
            QuantizedLayerImpl<?> l = layers.get(i);
            LayerSteps.addBitLoss((QuantizedLayer) l.conf().getLayer(), l::gradientView, grads.get(i), batch);
        }
    }
}
