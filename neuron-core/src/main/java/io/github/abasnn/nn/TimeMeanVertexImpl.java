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

    /** {@code [T*B, F] -> [B, F]}: the mean over the frames of a time-major folded batch. */
    public static INDArray mean(INDArray x, int frames) {
        long b = x.size(0) / frames;
        return x.dup('c').reshape('c', frames, b, x.size(1)).mean(0);
    }

    /** The gradient of {@link #mean}: {@code [B, F] -> [T*B, F]}, each frame {@code dL/dmean / T}. */
    public static INDArray spread(INDArray epsilon, int frames) {
        long b = epsilon.size(0);
        long f = epsilon.size(1);
        INDArray each = epsilon.div(frames).reshape('c', 1, b, f);
        return each.repeat(0, frames).reshape('c', frames * b, f);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, mean(inputs[0], frames));
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        return new Pair<>(null, new INDArray[] {workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD,
                spread(epsilon, frames))});
    }
}
