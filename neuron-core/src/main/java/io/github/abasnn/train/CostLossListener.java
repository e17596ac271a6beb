package io.github.abasnn.train;

import io.github.abasnn.loss.CostLoss;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.SpikingGraph;
import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Adds a cost target's penalty ({@link CostLoss}) to the objective in place of the W/S/T loss: after DL4J computes the
 * cross-entropy gradients it adds the penalty's gradients to every layer's bit widths and {@code T} (the first layer's
 * {@code T} too: its MACs are in every cost), scaled by the batch size like {@link BitLossListener}. An energy target
 * reads each layer's firing rate on the batch just trained, which the layers count only while this listener asks.
 */
public final class CostLossListener extends BaseTrainingListener implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
    private final CostLoss loss;
    private transient volatile CostLoss.Result last;
    /** The network whose layers were last told to count firing (the flag lives in the layers, not the config). */
    private transient ComputationGraph prepared;

    public CostLossListener(CostLoss loss) {
        this.loss = loss;
    }

    public CostLoss.Result last() {
        return last;
    }

    /** Turns on the per-batch firing count an energy target needs (call once the network is built or restored). */
    public void prepare(ComputationGraph graph) {
        boolean energy = loss.target().kind() == io.github.abasnn.loss.CostTarget.Kind.ENERGY;
        SpikingGraph.layers(graph).forEach(l -> l.countTrainingFiring(energy));
        prepared = graph;
    }

    @Override
    public void onForwardPass(Model model, java.util.Map<String, org.nd4j.linalg.api.ndarray.INDArray> activations) {
        if (model != prepared) {
            prepare((ComputationGraph) model); // on Spark workers the network arrives without the flag
        }
    }

    @Override
    public void onGradientCalculation(Model model) {
        ComputationGraph graph = (ComputationGraph) model;
        List<QuantizedLayerImpl<?>> layers = SpikingGraph.layers(graph);
        if (layers.isEmpty()) {
            return;
        }
        CostLoss.Result r = loss.evaluate(SpikingGraph.costs(layers));
        BitLossListener.addGradients(layers, r.gradients(), Math.max(1, graph.batchSize()));
        last = r;
    }
}
