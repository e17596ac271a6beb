package io.github.abasnn.golden;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One case of a golden file: its kind and typed access to its params, inputs and outputs. Every accessor fails with
 * a {@link GoldenFormatException} naming the file, the case and the key when the value is missing or of the
 * wrong type.
 */
public final class GoldenCase {
    private final Path file;
    private final int index;
    private final String kind;
    private final JsonNode node;

    GoldenCase(Path file, int index, JsonNode node) {
        this.file = file;
        this.index = index;
        this.node = node;
        JsonNode k = node.get("kind");
        if (k == null || !k.isTextual()) {
            throw error("kind", "missing or not a string");
        }
        this.kind = k.asText();
        for (String section : new String[] {"params", "inputs", "outputs"}) {
            if (!node.path(section).isObject()) {
                throw error(section, "missing or not an object");
            }
        }
    }

    public String kind() {
        return kind;
    }

    public int index() {
        return index;
    }

    public Path file() {
        return file;
    }

    /** A readable name such as {@code golden-1.json#3 spike_quant}. */
    public String describe() {
        return file.getFileName() + "#" + index + " " + kind;
    }

    public double param(String key) {
        return number(node.get("params").get(key), "params." + key);
    }

    public boolean flag(String key) {
        JsonNode v = node.get("params").get(key);
        if (v == null || !v.isBoolean()) {
            throw error("params." + key, "missing or not a boolean");
        }
        return v.asBoolean();
    }

    public double[] paramList(String key) {
        JsonNode v = node.get("params").get(key);
        if (v == null || !v.isArray()) {
            throw error("params." + key, "missing or not a list");
        }
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = number(v.get(i), "params." + key + "[" + i + "]");
        }
        return out;
    }

    public INDArray input(String key) {
        return tensor("inputs", key);
    }

    public INDArray outputTensor(String key) {
        return tensor("outputs", key);
    }

    /** An output given as a number or as a one-element tensor. */
    public double outputScalar(String key) {
        JsonNode v = node.get("outputs").get(key);
        if (v != null && v.isObject()) {
            INDArray t = tensor("outputs", key);
            if (t.length() != 1) {
                throw error("outputs." + key, "expected one value, got " + t.length());
            }
            return t.getDouble(0);
        }
        return number(v, "outputs." + key);
    }

    private INDArray tensor(String section, String key) {
        String where = section + "." + key;
        JsonNode t = node.get(section).get(key);
        if (t == null || !t.isObject()) {
            throw error(where, "missing or not a tensor object");
        }
        JsonNode shapeNode = t.get("shape");
        JsonNode dataNode = t.get("data");
        if (shapeNode == null || !shapeNode.isArray() || dataNode == null || !dataNode.isArray()) {
            throw error(where, "a tensor needs a 'shape' list and a 'data' list");
        }
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                throw error(where + ".shape[" + i + "]", "not a non-negative integer: " + d);
            }
            shape[i] = d.asLong();
            count *= shape[i];
        }
        if (count != dataNode.size()) {
            throw error(where, "shape " + java.util.Arrays.toString(shape) + " holds " + count + " values but data has "
                    + dataNode.size());
        }
        double[] data = new double[dataNode.size()];
        for (int i = 0; i < data.length; i++) {
            data[i] = number(dataNode.get(i), where + ".data[" + i + "]");
        }
        return Nd4j.create(data, shape.length == 0 ? new long[] {} : shape, DataType.DOUBLE);
    }

    private double number(JsonNode v, String where) {
        if (v == null) {
            throw error(where, "missing");
        }
        if (v.isNumber()) {
            return v.asDouble();
        }
        if (v.isTextual()) {
            switch (v.asText()) {
                case "inf": return Double.POSITIVE_INFINITY;
                case "-inf": return Double.NEGATIVE_INFINITY;
                case "nan": return Double.NaN;
                default: break;
            }
        }
        throw error(where, "not a number: " + v);
    }

    GoldenFormatException error(String key, String problem) {
        return new GoldenFormatException(file + ": case " + index + " (" + (kind == null ? "?" : kind) + "): '" + key
                + "' " + problem);
    }
}
