package io.github.abasnn.tensor;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Element-wise helpers shared by the quantizers, written with ND4J ops only so that they run unchanged on
 * the CPU and CUDA backends. Every helper keeps the data type of its input (the golden tests run in double).
 */
public final class Tensors {
    private Tensors() {}

    /** Round half away from zero, {@code sign(v) * floor(|v| + 0.5)}, as the spec defines it (not banker's rounding). */
    public static INDArray roundHalfAway(INDArray v) {
        INDArray magnitude = Transforms.floor(Transforms.abs(v, true).addi(0.5), false);
        return magnitude.muli(Transforms.sign(v, true));
    }

    /** {@code min(max(v, lo), hi)} into a new array. */
    public static INDArray clip(INDArray v, double lo, double hi) {
        return Transforms.min(Transforms.max(v, lo, true), hi, false);
    }

    /** A 0/1 mask of the input's data type from a boolean comparison result. */
    public static INDArray mask(INDArray condition, INDArray like) {
        return condition.castTo(like.dataType());
    }

    /** Sum of the element-wise product, as a double (one reduction). */
    public static double dot(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue();
    }

    /** Fails with the value's name when the array holds a NaN or an infinity. */
    public static void requireFinite(INDArray x, String name) {
        if (x == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (BooleanIndexing.or(x, Conditions.isNan())) {
            throw new IllegalArgumentException(name + " contains NaN (shape " + java.util.Arrays.toString(x.shape()) + ")");
        }
        if (BooleanIndexing.or(x, Conditions.isInfinite())) {
            throw new IllegalArgumentException(name + " contains an infinite value (shape "
                    + java.util.Arrays.toString(x.shape()) + ")");
        }
    }
}
