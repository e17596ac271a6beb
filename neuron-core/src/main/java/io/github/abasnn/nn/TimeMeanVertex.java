package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/** Averages a time-major folded batch over time: {@code [T*B, F] -> [B, F]} (the classifier's mean output). */
public class TimeMeanVertex extends FramesVertex {

    public TimeMeanVertex(@JsonProperty("frames") int frames) {
        super(frames);
    }

    @Override
    public TimeMeanVertex clone() {
        return new TimeMeanVertex(frames);
    }

    @Override
    public org.deeplearning4j.nn.graph.vertex.GraphVertex instantiate(ComputationGraph graph, String name, int idx,
            INDArray paramsView, boolean initializeParams, DataType dataType) {
        return new TimeMeanVertexImpl(graph, name, idx, frames, dataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType... in) {
        return in[0];
    }
}
