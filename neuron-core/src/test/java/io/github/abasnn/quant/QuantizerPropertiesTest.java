package io.github.abasnn.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.testing.Arrays2;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Properties of both quantizers over random shapes, scales, steps and bit widths. */
class QuantizerPropertiesTest {

    @Property(tries = 200)
    void weightQuantizerEmitsAtMostTwoToTheBLevels(@ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(min = 1, max = 6) Integer> dims,
                                                   @ForAll @IntRange(min = 1, max = 8) int bits,
                                                   @ForAll @DoubleRange(min = 0.01, max = 2) double step,
                                                   @ForAll @DoubleRange(min = 0.01, max = 5) double scale,
                                                   @ForAll long seed) {
        INDArray w = Arrays2.gaussian(seed, 0, scale, shape(dims));
        WeightQuantizer.Forward f = WeightQuantizer.forward(w, step, bits);
        assertTrue(Arrays2.distinct(f.levels()) <= (1L << bits));
        int qmax = WeightQuantizer.qmax(bits);
        assertTrue(f.levels().amaxNumber().doubleValue() <= qmax);
        assertEquals(f.levels(), Transforms.round(f.levels(), true), "levels are integers");
    }

    @Property(tries = 200)
    void weightQuantizingTwiceChangesNothing(@ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(min = 1, max = 6) Integer> dims,
                                             @ForAll @IntRange(min = 1, max = 8) int bits,
                                             @ForAll @DoubleRange(min = 0.01, max = 2) double step,
                                             @ForAll long seed) {
        INDArray w = Arrays2.gaussian(seed, 0, 1, shape(dims));
        INDArray once = WeightQuantizer.forward(w, step, bits).output();
        INDArray twice = WeightQuantizer.forward(once, step, bits).output();
        assertEquals(once, twice);
    }

    @Property(tries = 300)
    void integerSpikeStaysInItsRange(@ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(min = 1, max = 6) Integer> dims,
                                     @ForAll @IntRange(min = 1, max = 8) int bits,
                                     @ForAll @DoubleRange(min = 0.01, max = 2) double step,
                                     @ForAll @DoubleRange(min = -3, max = 3) double mean,
                                     @ForAll boolean signed,
                                     @ForAll long seed) {
        INDArray x = Arrays2.gaussian(seed, mean, 2, shape(dims));
        SpikeQuantizer.Forward f = SpikeQuantizer.forward(x, step, bits, signed);
        int lo = SpikeQuantizer.qmin(bits, signed);
        int hi = SpikeQuantizer.qmax(bits, signed);
        if (!signed) {
            assertEquals(0, lo);
            assertEquals((1 << bits) - 1, hi);
        }
        assertTrue(f.levels().minNumber().doubleValue() >= lo, "spike below range");
        assertTrue(f.levels().maxNumber().doubleValue() <= hi, "spike above range");
        assertTrue(Arrays2.distinct(f.levels()) <= (1L << bits));
        assertEquals(f.levels(), Transforms.round(f.levels(), true), "spikes are integers");
    }

    @Property(tries = 200)
    void spikeQuantizingTwiceChangesNothing(@ForAll @Size(min = 1, max = 4) java.util.List<@IntRange(min = 1, max = 6) Integer> dims,
                                            @ForAll @IntRange(min = 1, max = 8) int bits,
                                            @ForAll @DoubleRange(min = 0.01, max = 2) double step,
                                            @ForAll boolean signed,
                                            @ForAll long seed) {
        INDArray x = Arrays2.gaussian(seed, 0.5, 1, shape(dims));
        INDArray once = SpikeQuantizer.forward(x, step, bits, signed).output();
        INDArray twice = SpikeQuantizer.forward(once, step, bits, signed).output();
        assertEquals(once, twice);
    }

    @Property(tries = 100)
    void gradientPassesOnlyInsideTheRange(@ForAll @IntRange(min = 1, max = 6) int bits,
                                          @ForAll @DoubleRange(min = 0.01, max = 1) double step,
                                          @ForAll long seed) {
        INDArray x = Arrays2.gaussian(seed, 0, 3, 5, 7);
        SpikeQuantizer.Forward f = SpikeQuantizer.forward(x, step, bits, false);
        INDArray ones = x.like().assign(1);
        QuantizerGradients g = SpikeQuantizer.backward(f, ones);
        int qmax = SpikeQuantizer.qmax(bits, false);
        for (long i = 0; i < x.length(); i++) {
            double v = x.getDouble(i) / step;
            double expected = (v >= 0 && v <= qmax) ? 1 : 0;
            assertEquals(expected, g.input().getDouble(i), 0.0, "at v = " + v);
        }
    }

    static long[] shape(java.util.List<Integer> dims) {
        return dims.stream().mapToLong(Integer::longValue).toArray();
    }
}
