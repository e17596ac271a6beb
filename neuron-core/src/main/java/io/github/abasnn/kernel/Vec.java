package io.github.abasnn.kernel;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element access to the host memory of a contiguous ND4J array, float or double, with arithmetic in double.
 * The fused kernels loop over these instead of chaining ND4J ops: one pass over memory instead of fifteen.
 */
public abstract class Vec {
    /** Number of elements. */
    public abstract long length();

    public abstract double get(int i);

    public abstract void set(int i, double v);

    /** Whether {@code a} can be wrapped: host memory (CPU backend), float or double, dense c order. */
    public static boolean supports(INDArray a) {
 return isHost(a) && a.data().addressPointer() != null
                && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE)
                && a.ordering() == 'c' && a.elementWiseStride() == 1 && !a.isEmpty()
                && a.length() <= Integer.MAX_VALUE;
    }

    private static boolean isHost(INDArray a) {
        return a.data().getClass().getName().startsWith("org.nd4j.linalg.cpu");
    }

    /** Wraps {@code a}; it must satisfy {@link #supports}. Writes go straight to the array. */
    public static Vec of(INDArray a) {
        Vec v = wrap(a);
        if (v.get(0) != a.getDouble(0) && !Double.isNaN(v.get(0))) { // guards the offset arithmetic below
            throw new IllegalStateException("host view of array does not line up with ND4J's (offset " + a.offset() + ")");
        }
        return v;
    }

    /** The host memory of a float array that {@link #supports} allows, positioned at its first element. */
    public static FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT || !supports(a)) {
            throw new IllegalArgumentException("need a dense c-order float host array, got " + a.dataType()
                    + " order " + a.ordering() + " ews " + a.elementWiseStride());
        }
        // addressPointer() already points at the data buffer's own offset; a.offset() counts from the root buffer.
        long offset = a.offset() - a.data().offset();
        return new FloatPointer(a.data().addressPointer()).position(offset).limit(offset + a.length()).asBuffer();
    }

    private static Vec wrap(INDArray a) {
        if (!supports(a)) {
            throw new IllegalArgumentException("fused kernels need a dense c-order float/double host array, got "
                    + a.dataType() + " order " + a.ordering() + " ews " + a.elementWiseStride());
        }
        long n = a.length();
        if (a.dataType() == DataType.FLOAT) {
            return new FloatVec(floats(a), 0, (int) n);
        }
        long offset = a.offset() - a.data().offset(); // as in floats(a)
        DoublePointer p = new DoublePointer(a.data().addressPointer());
        DoubleBuffer db = p.position(offset).limit(offset + n).asBuffer();
        return new DoubleVec(db, 0, (int) n);
    }

    private static final class FloatVec extends Vec {
        private final FloatBuffer b;
        private final int off;
        private final int n;

        FloatVec(FloatBuffer b, int off, int n) {
            this.b = b;
            this.off = off;
            this.n = n;
        }

        @Override
        public long length() {
            return n;
        }

        @Override
        public double get(int i) {
            return b.get(off + i);
        }

        @Override
        public void set(int i, double v) {
            b.put(off + i, (float) v);
        }
    }

    private static final class DoubleVec extends Vec {
        private final DoubleBuffer b;
        private final int off;
        private final int n;

        DoubleVec(DoubleBuffer b, int off, int n) {
            this.b = b;
            this.off = off;
            this.n = n;
        }

        @Override
        public long length() {
            return n;
        }

        @Override
        public double get(int i) {
            return b.get(off + i);
        }

        @Override
        public void set(int i, double v) {
            b.put(off + i, v);
        }
    }
}
