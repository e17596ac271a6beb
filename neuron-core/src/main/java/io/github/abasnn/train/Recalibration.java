package io.github.abasnn.train;

import io.github.abasnn.data.Batches;
import io.github.abasnn.kernel.FusedBatchNorm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Brings evaluation state up to date with the quantizers at an epoch end, before the network is evaluated or
 * checkpointed.
 *
 * <p>Why: the last updates of an epoch can move a layer's rounded bit width. Renewal (method.md §4) only runs on a
 * training forward, so until the next one the layer evaluates with a step size sized for the old width, and the
 * batch-norm running statistics still describe the old spike scale: test accuracy then falls for one epoch (to 11% in
 * one measured run) and recovers. This pass runs training-mode forwards without any update over the first
 * {@code batches} training batches of the epoch — renewal catches up on the first — and replaces every batch norm's
 * running mean and variance by the average of its batch statistics over those batches ("BN re-estimation", as
 * PyTorch's {@code update_bn} does for weight averaging). With one batch, evaluation then reproduces the training
 * forward on that batch exactly. Nothing else changes: no parameter update, no optimizer state.
 */
public final class Recalibration {
    private Recalibration() {}

    /** Recalibrates from up to {@code batches} training batches of {@code epoch}; 0 does nothing. */
    public static void run(ComputationGraph graph, Batches train, int epoch, int batches) {
        if (batches <= 0) {
            return;
        }
        List<Norm> norms = norms(graph);
        train.setEpoch(epoch);
        int seen = 0;
        while (seen < batches && train.hasNext()) {
            DataSet ds = train.next();
            Map<String, INDArray> acts = graph.feedForward(ds.getFeatures(), true);
            for (Norm n : norms) {
                n.accumulate(acts.get(n.input));
            }
            seen++;
        }
        graph.clearLayersStates();
        if (seen == 0) {
            return;
        }
        for (Norm n : norms) {
            n.store(seen);
        }
    }

    private static List<Norm> norms(ComputationGraph graph) {
        List<Norm> out = new ArrayList<>();
        for (GraphVertex v : graph.getVertices()) {
            if (v.hasLayer() && v.getLayer().conf().getLayer() instanceof BatchNormalization bn) {
                String input = graph.getConfiguration().getVertexInputs().get(v.getVertexName()).get(0);
                out.add(new Norm(v, bn, input));
            }
        }
        return out;
    }

    /** One batch norm: sums of its batch means and biased batch variances (what its training forward divides by). */
    private static final class Norm {
        private final GraphVertex vertex;
        private final BatchNormalization conf;
        private final String input;
        private INDArray meanSum;
        private INDArray varSum;

        Norm(GraphVertex vertex, BatchNormalization conf, String input) {
            this.vertex = vertex;
            this.conf = conf;
            this.input = input;
        }

        void accumulate(INDArray x) {
            INDArray mean;
            INDArray var;
            if (FusedBatchNorm.supports(x)) {
                mean = Nd4j.create(x.dataType(), x.size(1));
                var = Nd4j.create(x.dataType(), x.size(1));
                FusedBatchNorm.statistics(x, mean, var); // as training normalised with
            } else {
                int[] dims = x.rank() == 4 ? new int[] {0, 2, 3} : new int[] {0};
                mean = x.mean(dims);
                var = x.var(false, dims);
            }
            meanSum = meanSum == null ? mean : meanSum.addi(mean);
            varSum = varSum == null ? var : varSum.addi(var);
        }

        void store(int batches) {
            INDArray mean = meanSum.divi(batches);
            INDArray var = varSum.divi(batches);
            org.deeplearning4j.nn.api.Layer layer = vertex.getLayer();
            layer.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).assign(mean.reshape(1, -1));
            if (conf.isUseLogStd()) {
                // DL4J keeps log10 of the standard deviation and adds eps itself at inference
                INDArray logStd = Transforms.log(Transforms.sqrt(var, false), 10, false);
                layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).assign(logStd.reshape(1, -1));
            } else {
                layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).assign(var.reshape(1, -1));
            }
        }
    }
}
