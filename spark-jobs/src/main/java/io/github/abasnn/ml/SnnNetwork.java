package io.github.abasnn.ml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A trained network as it travels to executors and into saved stages: the serialized graph (no updater state), the
 * per-channel standardisation it was trained with, its input shape and class count. Each executor JVM restores the
 * graph once per network and scores with it one batch at a time (a graph is not thread-safe).
 */
record SnnNetwork(byte[] graph, float[] mean, float[] std, int channels, int height, int width, int classes,
                  String key) implements Serializable {
    private static final Map<String, ComputationGraph> RESTORED = new ConcurrentHashMap<>();

    static SnnNetwork of(ComputationGraph g, float[] mean, float[] std, int channels, int height, int width,
                         int classes) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(g, out, false);
            byte[] bytes = out.toByteArray();
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            String key = java.util.HexFormat.of().formatHex(md.digest(bytes)).substring(0, 16);
            return new SnnNetwork(bytes, mean, std, channels, height, width, classes, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    ComputationGraph restore() {
        return RESTORED.computeIfAbsent(key, k -> {
            try {
                return ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(graph), false);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot restore network " + key, e);
            }
        });
    }

    /** Class probabilities of {@code n} images stored back to back (channel-major 8-bit pixels). */
    double[][] probabilities(byte[] pixels, int n) {
        INDArray features = io.github.abasnn.data.ImageBatches.features(pixels, n, channels, height, width, mean, std);
        ComputationGraph g = restore();
        INDArray out;
        synchronized (g) {
            out = g.output(false, features)[0];
            g.clearLayersStates();
        }
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = out.getRow(i).toDoubleVector();
        }
        return p;
    }
}
