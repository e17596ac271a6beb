package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/** Averages a time-major folded batch over time: {@code [T*B, F] -> [B, F]} (the classifier's mean output). */
public class TimeMeanVertex extends GraphVertex {
    private final int frames;

    public TimeMeanVertex(@JsonProperty("frames") int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.frames = frames;
    }

    public int getFrames() {
        return frames;
    }

    @Override
    public TimeMeanVertex clone() {
        return new TimeMeanVertex(frames);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeMeanVertex v && v.frames == frames;
    }

    @Override
    public int hashCode() {
        return 37 * frames + 11;
    }

    @Override
    public long numParams(boolean backprop) {
        return 0;
    }

    @Override
    public int minVertexInputs() {
        return 1;
    }

    @Override
    public int maxVertexInputs() {
        return 1;
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

    @Override
    public MemoryReport getMemoryReport(InputType... in) {
        return new LayerMemoryReport.Builder(null, TimeMeanVertex.class, in[0], in[0])
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
