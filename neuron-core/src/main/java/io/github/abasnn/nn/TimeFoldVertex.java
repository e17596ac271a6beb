package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Folds event frames into the batch, time-major: {@code [B, T*C, H, W] -> [T*B, C, H, W]} (or {@code [B, T*F] ->
 * [T*B, F]}), so every later layer runs once on all time steps and the quantized layers ({@code frames = T}) see
 * step {@code t} of sample {@code b} at row {@code t*B + b}. The batch DL4J counts stays B.
 */
public class TimeFoldVertex extends FramesVertex {

    public TimeFoldVertex(@JsonProperty("frames") int frames) {
        super(frames);
    }

    @Override
    public TimeFoldVertex clone() {
        return new TimeFoldVertex(frames);
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        return new TimeFoldVertexImpl(graph, name, idx, frames, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... in) {
        InputType t = in[0];
        if (t instanceof InputType.InputTypeConvolutional c) {
            if (c.getChannels() % frames != 0) {
                throw new IllegalArgumentException(c.getChannels() + " input channels do not hold " + frames + " frames");
            }
            return InputType.convolutional(c.getHeight(), c.getWidth(), c.getChannels() / frames);
        }
        long size = t.arrayElementsPerExample();
        if (size % frames != 0) {
            throw new IllegalArgumentException(size + " input features do not hold " + frames + " frames");
        }
        return InputType.feedForward(size / frames);
    }
}
