package io.github.abasnn.golden;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One output or gradient of a golden case compared element by element: it passes when every element is within
 * relative {@code 1e-9} or absolute {@code 1e-12} (near zero) of the reference.
 */
public record Comparison(String name, double[] expected, double[] actual, long[] shape) {
    public static final double RELATIVE = 1e-9;
    public static final double ABSOLUTE = 1e-12;

    public static Comparison of(String name, INDArray expected, INDArray actual) {
        return new Comparison(name, flat(expected), flat(actual), expected.shape());
    }

    public static Comparison of(String name, double expected, double actual) {
        return new Comparison(name, new double[] {expected}, new double[] {actual}, new long[] {1});
    }

    public static Comparison of(String name, INDArray expected, double[] actual) {
        return new Comparison(name, flat(expected), actual, expected.shape());
    }

    /** Null when all elements agree, else a message naming the first bad element. */
    public String mismatch() {
        if (expected.length != actual.length) {
            return name + ": expected " + expected.length + " values, computed " + actual.length;
        }
        int bad = 0;
        int first = -1;
        for (int i = 0; i < expected.length; i++) {
            if (!close(expected[i], actual[i])) {
                bad++;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (bad == 0) {
            return null;
        }
        return name + ": " + bad + " of " + expected.length + " elements differ; first at flat index " + first
                + ": expected " + expected[first] + ", computed " + actual[first];
    }

    static boolean close(double e, double a) {
        if (Double.isNaN(e) || Double.isNaN(a)) {
            return Double.isNaN(e) && Double.isNaN(a);
        }
        if (e == a) {
            return true;
        }
        double diff = Math.abs(e - a);
        return diff <= ABSOLUTE || diff <= RELATIVE * Math.abs(e);
    }

    private static double[] flat(INDArray a) {
        return a.castTo(DataType.DOUBLE).reshape(a.length()).toDoubleVector();
    }
}
