package io.github.abasnn.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.testing.Arrays2;
import org.junit.jupiter.api.Test;

/** Bad values get an exception that names them; the bit-width mapping follows §1. */
class QuantizerInputTest {

    @Test
    void bitBoundBelowOneIsRejectedNamingTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BitWidth.effective(3.2, 0.5));
        assertTrue(e.getMessage().contains("0.5"), e.getMessage());
    }

    @Test
    void bitWidthBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WeightQuantizer.forward(Arrays2.of(1, 2), 0.1, 0));
        assertTrue(e.getMessage().contains("got 0"), e.getMessage());
    }

    @Test
    void nonPositiveStepIsRejectedNamingTheValue() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> WeightQuantizer.forward(Arrays2.of(1, 2), 0.0, 4));
        assertTrue(zero.getMessage().contains("weight step size") && zero.getMessage().contains("0.0"));
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> SpikeQuantizer.forward(Arrays2.of(1, 2), -0.25, 4, false));
        assertTrue(negative.getMessage().contains("-0.25"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpikeQuantizer.forward(Arrays2.of(1), Double.NaN, 4, false));
    }

    @Test
    void nonFiniteBitParameterIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BitWidth.effective(Double.POSITIVE_INFINITY, 6));
        assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
    }

    @Test
    void effectiveBitsRoundTheClippedAbsoluteValue() {
        assertEquals(1, BitWidth.effective(0.2, 6));
        assertEquals(3, BitWidth.effective(2.5, 6), "half rounds away from zero");
        assertEquals(2, BitWidth.effective(2.49, 6));
        assertEquals(6, BitWidth.effective(9.7, 6));
        assertEquals(4, BitWidth.effective(-3.6, 6), "the real parameter enters through |.|");
    }

    @Test
    void gradientThroughAbsoluteValueTakesItsSign() {
        assertEquals(-0.7, BitWidth.gradientToHat(-3.6, 0.7));
        assertEquals(0.7, BitWidth.gradientToHat(3.6, 0.7));
    }

    @Test
    void lsqInitialisationFollowsTheFirstBatch() {
        assertEquals(2 * 0.3 / Math.sqrt(7), StepSize.initWeightStep(0.3, 4), 1e-15);
        assertEquals(2 * 0.3 / Math.sqrt(1), StepSize.initWeightStep(0.3, 1), 1e-15, "1 bit initialises as 2 bits");
        assertEquals(2 * 0.5 / Math.sqrt(15), StepSize.initSpikeStep(0.5, 4), 1e-15);
        assertEquals(StepSize.MIN_STEP, StepSize.initSpikeStep(0.0, 4), "never below the floor");
    }

    @Test
    void oneBitWeightsAreTheSign() {
        WeightQuantizer.Forward f = WeightQuantizer.forward(Arrays2.of(-0.3, 0.0, 0.2, 5.0), 0.5, 1);
        assertEquals(Arrays2.of(-0.5, -0.5, 0.5, 0.5), f.output());
    }

    @Test
    void oneBitUnsignedSpikesFireAboveHalfTheThreshold() {
        SpikeQuantizer.Forward f = SpikeQuantizer.forward(Arrays2.of(-1, 0.5, 0.51, 3), 1.0, 1, false);
        assertEquals(Arrays2.of(0, 0, 1, 1), f.output());
    }

    @Test
    void multiBitSpikesRoundHalfAwayFromZero() {
        SpikeQuantizer.Forward f = SpikeQuantizer.forward(Arrays2.of(0.5, 1.5, 2.5, -2.5, 99), 1.0, 2, true);
        assertEquals(Arrays2.of(1, 1, 1, -1, 1), f.levels(), "signed 2-bit: qmax 1");
        SpikeQuantizer.Forward u = SpikeQuantizer.forward(Arrays2.of(0.5, 1.5, 2.5, -2.5, 99), 1.0, 2, false);
        assertEquals(Arrays2.of(1, 2, 3, 0, 3), u.levels());
    }
}
