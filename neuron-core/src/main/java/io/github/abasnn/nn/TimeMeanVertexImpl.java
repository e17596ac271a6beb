package io.github.abasnn.nn;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime of {@link TimeMeanVertex}. */
public class TimeMeanVertexImpl extends FramesVertexImpl {

    public TimeMeanVertexImpl(ComputationGraph graph, String name, int index, int frames, DataType dataType) {
        super(graph, name, index, frames, dataType);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = inputs[0];
        long b = x.size(0) / frames;
        INDArray mean = x.dup('c').reshape('c', frames, b, x.size(1)).mean(0);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, mean);
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        long b = epsilon.size(0);
        long f = epsilon.size(1);
        INDArray each = epsilon.div(frames).reshape('c', 1, b, f);
        INDArray grad = each.repeat(0, frames).reshape('c', frames * b, f);
        return new Pair<>(null, new INDArray[] {workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, grad)});
    }
}
