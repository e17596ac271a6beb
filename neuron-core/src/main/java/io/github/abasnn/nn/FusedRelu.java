package io.github.abasnn.nn;

import io.github.abasnn.kernel.Vec;
import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * ReLU whose backward pass is one Java pass over memory ({@code dL/dz = z > 0 ? dL/da : 0}, written over the copy of
 * the input DL4J's activation layer hands it) instead of ND4J's generic leaky-ReLU gradient op, several times faster; forward and anything
 * else (double arrays, a clipped or thresholded ReLU) stay {@link ActivationReLU}'s. The networks' ReLU layers use it.
 */
public class FusedRelu extends ActivationReLU {
    private static final int CHUNK = 1 << 14;
    /** Per-thread chunk buffers: bulk copies in and out, and a loop over arrays in between. */
    private static final ThreadLocal<float[][]> BUFFERS =
            ThreadLocal.withInitial(() -> new float[][] {new float[CHUNK], new float[CHUNK]});

    @Override
    public Pair<INDArray, INDArray> backprop(INDArray in, INDArray epsilon) {
        if (in.dataType() != DataType.FLOAT || epsilon.dataType() != DataType.FLOAT || !Vec.supports(in)
                || !Vec.supports(epsilon) || in.length() != epsilon.length() || getMax() != null
                || getThreshold() != null && getThreshold() != 0.0
                || getNegativeSlope() != null && getNegativeSlope() != 0.0) {
            return super.backprop(in, epsilon);
        }
        FloatBuffer z = Vec.floats(in);
        FloatBuffer g = Vec.floats(epsilon);
        int n = (int) in.length();
        IntStream.range(0, (n + CHUNK - 1) / CHUNK).parallel().forEach(c -> {
            int start = c * CHUNK;
            int len = Math.min(n, start + CHUNK) - start;
            float[][] buf = BUFFERS.get();
            float[] zs = buf[0];
            float[] gs = buf[1];
            z.get(start, zs, 0, len);
            g.get(start, gs, 0, len);
            for (int i = 0; i < len; i++) {
                // a select by bit mask, not a branch: the sign of z is a coin toss, and the loop stays straight
                int bits = Float.floatToRawIntBits(zs[i]);
                int positive = ~(((bits - 1) | bits) >> 31) & ((bits - 0x7f800001) >> 31); // z > 0 (NaN is not)
                gs[i] = Float.intBitsToFloat(Float.floatToRawIntBits(gs[i]) & positive);
            }
            z.put(start, gs, 0, len);
        });
        return new Pair<>(in, null);
    }

    @Override
    public String toString() {
        return "relu";
    }
}
