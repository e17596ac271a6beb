package io.github.abasnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused ReLU gradient is ND4J's, element for element, zeros and signed zeros included. */
class FusedReluTest {
    @Test
    void backwardEqualsNd4jsOnRandomValuesAcrossChunks() {
        Nd4j.getRandom().setSeed(9);
        INDArray z = Nd4j.randn(DataType.FLOAT, 3, 7, 33, 35); // not a multiple of the chunk size
        z.putScalar(0, 0f);
        z.putScalar(1, -0f);
        z.putScalar(2, Float.MIN_VALUE);
        z.putScalar(3, -Float.MIN_VALUE);
        z.putScalar(4, Float.POSITIVE_INFINITY);
        z.putScalar(5, Float.NaN);
        INDArray eps = Nd4j.randn(DataType.FLOAT, 3, 7, 33, 35);
        INDArray expected = new ActivationReLU().backprop(z.dup(), eps).getFirst();
        INDArray actual = new FusedRelu().backprop(z.dup(), eps).getFirst();
        assertEquals(expected, actual);
        assertEquals(0f, actual.getFloat(0));
        assertEquals(eps.getFloat(2), actual.getFloat(2));
        assertEquals(0f, actual.getFloat(5), "NaN is not positive");
    }

    @Test
    void aDoubleArrayTakesTheLibrarysPath() {
        INDArray z = Nd4j.createFromArray(-1.0, 2.0);
        INDArray eps = Nd4j.createFromArray(5.0, 7.0);
        assertEquals(Nd4j.createFromArray(0.0, 7.0), new FusedRelu().backprop(z, eps).getFirst());
    }
}
