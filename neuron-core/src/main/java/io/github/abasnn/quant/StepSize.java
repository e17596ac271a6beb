package io.github.abasnn.quant;

/**
 * Step sizes (LSQ scale factors). A step must stay above {@link #MIN_STEP}; the LSQ-style initialisation from the
 * first training batch is method.md §1.
 */
public final class StepSize {
    /** Lower bound every learnable step size is held above. */
    public static final double MIN_STEP = 1e-5;

    private StepSize() {}

    /** Fails with the value when a step size is non-positive or not finite. */
    public static void check(double step, String name) {
        if (!(step > 0) || !Double.isFinite(step)) {
            throw new IllegalArgumentException(name + " must be a finite positive step size, got " + step);
        }
    }

    /** Clamps a step after an optimiser update so it never crosses {@link #MIN_STEP}. */
    public static double clamp(double step) {
        return Math.max(step, MIN_STEP);
    }

    /** Weight step at the first batch: {@code 2 mean|w| / sqrt(2^(b0-1) - 1)}, with b0 = 2 when the init bits are 1. */
    public static double initWeightStep(double meanAbsWeight, int initBits) {
        BitWidth.checkBits(initBits);
        int b0 = initBits == 1 ? 2 : initBits;
        return clamp(2 * meanAbsWeight / Math.sqrt(Math.pow(2, b0 - 1) - 1));
    }

    /** Unsigned spike step at the first batch: {@code 2 mean|x| / sqrt(2^b0 - 1)}. */
    public static double initSpikeStep(double meanAbsInput, int initBits) {
        BitWidth.checkBits(initBits);
        return clamp(2 * meanAbsInput / Math.sqrt(Math.pow(2, initBits) - 1));
    }
}
