package io.github.abasnn.nn;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime of {@link TimeFoldVertex}. */
public class TimeFoldVertexImpl extends FramesVertexImpl {

    public TimeFoldVertexImpl(ComputationGraph graph, String name, int index, int frames, DataType dataType) {
        super(graph, name, index, frames, dataType);
    }

    /** {@code [B, T*rest] -> [T*B, rest]} with rest the per-frame shape. */
    public static INDArray fold(INDArray x, int frames) {
        long b = x.size(0);
        long[] shape = x.shape();
        long[] split = new long[shape.length + 1];
        split[0] = b;
        split[1] = frames;
        split[2] = shape[1] / frames;
        System.arraycopy(shape, 2, split, 3, shape.length - 2);
        int[] perm = new int[split.length];
        perm[0] = 1;
        perm[1] = 0;
        for (int i = 2; i < perm.length; i++) {
            perm[i] = i;
        }
        long[] out = shape.clone();
        out[0] = b * frames;
        out[1] = shape[1] / frames;
        return x.dup('c').reshape('c', split).permute(perm).dup('c').reshape('c', out);
    }

    /** The inverse of {@link #fold}. */
    public static INDArray unfold(INDArray y, int frames) {
        long[] shape = y.shape();
        long b = shape[0] / frames;
        long[] split = new long[shape.length + 1];
        split[0] = frames;
        split[1] = b;
        System.arraycopy(shape, 1, split, 2, shape.length - 1);
        int[] perm = new int[split.length];
        perm[0] = 1;
        perm[1] = 0;
        for (int i = 2; i < perm.length; i++) {
            perm[i] = i;
        }
        long[] out = shape.clone();
        out[0] = b;
        out[1] = shape[1] * frames;
        return y.dup('c').reshape('c', split).permute(perm).dup('c').reshape('c', out);
    }

    @Override
    public INDArray doForward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, fold(inputs[0], frames));
    }

    @Override
    public Pair<Gradient, INDArray[]> doBackward(boolean tbptt, LayerWorkspaceMgr workspaceMgr) {
        return new Pair<>(null, new INDArray[] {workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, unfold(epsilon, frames))});
    }
}
