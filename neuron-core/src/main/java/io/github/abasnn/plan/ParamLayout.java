package io.github.abasnn.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where each parameter and its updater state lie in the flat vectors the plan works on: layers in the graph's
 * topological order, each layer's parameters in its initializer's key order (DL4J's layout of {@code
 * graph.params()}); the updater state is the concatenation of each stateful parameter's state in the same order (the
 * layout of DL4J's updater state view, whose blocks merge neighbouring parameters with equal updaters).
 */
public final class ParamLayout {
    private final List<ParamSlice> slices;
    private final Map<String, ParamSlice> byName = new LinkedHashMap<>();
    private final long length;
    private final long stateLength;

    ParamLayout(List<ParamSlice> slices) {
        this.slices = List.copyOf(slices);
        long n = 0;
        long s = 0;
        for (ParamSlice p : slices) {
            if (p.offset() != n || p.stateOffset() != s) {
                throw new IllegalArgumentException("parameter " + p.qualifiedName() + " is not contiguous with the one"
                        + " before it");
            }
            n += p.length();
            s += p.stateLength();
            byName.put(p.qualifiedName(), p);
        }
        this.length = n;
        this.stateLength = s;
    }

    public List<ParamSlice> slices() {
        return slices;
    }

    /** Parameters in all. */
    public long length() {
        return length;
    }

    /** Updater state values in all. */
    public long stateLength() {
        return stateLength;
    }

    /** The parameter {@code key} of {@code layer}; fails naming both when there is none. */
    public ParamSlice slice(String layer, String key) {
        ParamSlice p = byName.get(layer + "_" + key);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + key + " in layer " + layer);
        }
        return p;
    }

    /** The slice's view of a flat vector laid out by this layout (parameters or their gradients). */
    public static INDArray view(INDArray flat, ParamSlice p) {
        return flat.reshape(flat.length()).get(NDArrayIndex.interval(p.offset(), p.offset() + p.length()));
    }

    /** Accumulates slices in order. */
    static final class Builder {
        private final List<ParamSlice> slices = new ArrayList<>();
        private long offset;
        private long stateOffset;

        void add(String layer, String key, long length, org.nd4j.linalg.learning.config.IUpdater updater,
                 List<org.nd4j.linalg.learning.regularization.Regularization> regularization, boolean divide) {
            long state = updater == null ? 0 : updater.stateSize(length);
            slices.add(new ParamSlice(layer, key, offset, length, stateOffset, state, updater, regularization, divide));
            offset += length;
            stateOffset += state;
        }

        ParamLayout build() {
            return new ParamLayout(slices);
        }
    }
}
