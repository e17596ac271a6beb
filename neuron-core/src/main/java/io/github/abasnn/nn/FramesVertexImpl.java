package io.github.abasnn.nn;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.BaseGraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime base of the parameter-free time vertices: no layer, no gradients, masks passed through. */
abstract class FramesVertexImpl extends BaseGraphVertex {
    protected final int frames;

    protected FramesVertexImpl(ComputationGraph graph, String name, int index, int frames, DataType dataType) {
        super(graph, name, index, null, null, dataType);
        this.frames = frames;
    }

    @Override
    public boolean hasLayer() {
        return false;
    }

    @Override
    public Layer getLayer() {
        return null;
    }

    @Override
    public void setBackpropGradientsViewArray(INDArray view) {
        if (view != null) {
            throw new IllegalStateException(getClass().getSimpleName() + " has no parameters");
        }
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] masks, MaskState state, int minibatch) {
        return masks == null || masks.length == 0 ? null : new Pair<>(masks[0], state);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(name=" + vertexName + ", frames=" + frames + ")";
    }
}
