package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Folds event frames into the batch, time-major: {@code [B, T*C, H, W] -> [T*B, C, H, W]} (or {@code [B, T*F] ->
 * [T*B, F]}), so every later layer runs once on all time steps and the quantized layers ({@code frames = T}) see
 * step {@code t} of sample {@code b} at row {@code t*B + b}. The batch DL4J counts stays B.
 */
public class TimeFoldVertex extends GraphVertex {
    private final int frames;

    public TimeFoldVertex(@JsonProperty("frames") int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.frames = frames;
    }

    public int getFrames() {
        return frames;
    }

    @Override
    public TimeFoldVertex clone() {
        return new TimeFoldVertex(frames);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeFoldVertex v && v.frames == frames;
    }

    @Override
    public int hashCode() {
        return 31 * frames + 7;
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

    @Override
    public MemoryReport getMemoryReport(InputType... in) {
        return new LayerMemoryReport.Builder(null, TimeFoldVertex.class, in[0], getOutputType(-1, in))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
