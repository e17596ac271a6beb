package io.github.abasnn.distributed;

import java.io.Serializable;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a worker needs to continue training the driver's network: its configuration (as JSON, the form checkpoints
 * already round-trip), every parameter — bit widths, step sizes, T and the renewal state included — and the updater's
 * state (momentum), with the iteration count the learning-rate schedule reads.
 */
record ModelSnapshot(String configurationJson, float[] params, float[] updaterState, int iterationCount,
                     int epochCount) implements Serializable {

    static ModelSnapshot of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        int iterations = conf.getIterationCount();
        int epochs = conf.getEpochCount();
        String json;
        try { // counted apart, so that the JSON names the architecture alone
            conf.setIterationCount(0);
            conf.setEpochCount(0);
            json = conf.toJson();
        } finally {
            conf.setIterationCount(iterations);
            conf.setEpochCount(epochs);
        }
        return new ModelSnapshot(json, floats(graph.params()), floats(state(graph)), iterations, epochs);
    }

    /** A network equal to the snapshotted one, its own copy of every array. */
    ComputationGraph restore() {
        ComputationGraphConfiguration conf = ComputationGraphConfiguration.fromJson(configurationJson);
        conf.setIterationCount(iterationCount);
        conf.setEpochCount(epochCount);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init(Nd4j.createFromArray(params).reshape(1, params.length), false);
        installInto(graph);
        return graph;
    }

    /** Makes {@code graph}, built from this snapshot's configuration, equal to the snapshotted network. */
    void installInto(ComputationGraph graph) {
        install(graph, params, updaterState);
        graph.getConfiguration().setIterationCount(iterationCount);
        graph.getConfiguration().setEpochCount(epochCount);
    }

    /** Parameters then updater state, one vector: what the workers average. */
    static float[] flat(ComputationGraph graph) {
        float[] p = floats(graph.params());
        float[] s = floats(state(graph));
        float[] out = java.util.Arrays.copyOf(p, p.length + s.length);
        System.arraycopy(s, 0, out, p.length, s.length);
        return out;
    }

    /** Writes {@link #flat}'s layout back into the network. */
    static void install(ComputationGraph graph, float[] flat) {
        long n = graph.params().length();
        install(graph, java.util.Arrays.copyOfRange(flat, 0, (int) n),
                java.util.Arrays.copyOfRange(flat, (int) n, flat.length));
    }

    private static void install(ComputationGraph graph, float[] params, float[] updaterState) {
        INDArray p = graph.params();
        if (p.length() != params.length) {
            throw new IllegalStateException("network has " + p.length() + " parameters, the snapshot " + params.length);
        }
        p.assign(Nd4j.createFromArray(params).reshape(p.shape()));
        INDArray s = state(graph);
        if ((s == null ? 0 : s.length()) != updaterState.length) {
            throw new IllegalStateException("updater has " + (s == null ? 0 : s.length()) + " state values, the snapshot "
                    + updaterState.length);
        }
        if (s != null) {
            s.assign(Nd4j.createFromArray(updaterState).reshape(s.shape()));
        }
    }

    private static INDArray state(ComputationGraph graph) {
        return graph.getUpdater(true).getStateViewArray();
    }

    private static float[] floats(INDArray a) {
        return a == null ? new float[0] : a.castTo(DataType.FLOAT).reshape(a.length()).toFloatVector();
    }
}
