package io.github.abasnn.testing;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Deterministic double-precision test arrays. */
public final class Arrays2 {
    private Arrays2() {}

    /** Gaussian values with the given mean and standard deviation. */
    public static INDArray gaussian(long seed, double mean, double std, long... shape) {
        Random r = new Random(seed);
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        double[] data = new double[(int) n];
        for (int i = 0; i < data.length; i++) {
            data[i] = mean + std * r.nextGaussian();
        }
        return Nd4j.create(data, shape, DataType.DOUBLE);
    }

    public static INDArray of(double... values) {
        return Nd4j.create(values, new long[] {values.length}, DataType.DOUBLE);
    }

    public static long distinct(INDArray a) {
        return java.util.Arrays.stream(a.reshape(a.length()).toDoubleVector()).distinct().count();
    }
}
