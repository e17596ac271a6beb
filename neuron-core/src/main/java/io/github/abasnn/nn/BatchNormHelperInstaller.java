package io.github.abasnn.nn;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Puts {@link BatchNormHelper} into the network it listens to, after that network's first iteration: for networks
 * built where the trainer cannot reach them (dl4j-spark's workers rebuild theirs every averaging round). Installing
 * between a forward and its backward pass would leave the backward without the forward's statistics, so it waits for
 * an iteration to end; later calls find nothing to replace.
 */
public final class BatchNormHelperInstaller extends BaseTrainingListener implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (model instanceof ComputationGraph graph) {
            BatchNormHelper.install(graph);
        }
    }
}
