package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.memory.MemoryReport;

/** A parameter-free, single-input vertex that knows the number of frames T of time-major event input. */
abstract class FramesVertex extends GraphVertex {
    protected final int frames;

    protected FramesVertex(int frames) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1, got " + frames);
        }
        this.frames = frames;
    }

    public int getFrames() {
        return frames;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((FramesVertex) o).frames == frames;
    }

    @Override
    public int hashCode() {
        return 31 * getClass().getSimpleName().hashCode() + frames;
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
    public MemoryReport getMemoryReport(InputType... in) {
        return new LayerMemoryReport.Builder(null, getClass(), in[0], getOutputType(-1, in))
                .standardMemory(0, 0).workingMemory(0, 0, 0, 0).cacheMemory(0, 0).build();
    }
}
