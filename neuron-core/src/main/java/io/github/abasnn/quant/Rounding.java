package io.github.abasnn.quant;

/**
 * The spec's scalar rounding, free of ND4J so that a device backend (which carries no ND4J) maps bit widths and T
 * with the same code as the CPU ({@link BitWidth}, {@code neuron.TimeSteps}); the array form is
 * {@code tensor.Tensors.roundHalfAway}.
 */
public final class Rounding {
    private Rounding() {}

    /** Round half away from zero, {@code sign(v) * floor(|v| + 0.5)}, as the spec defines it (not banker's). */
    public static double halfAway(double v) {
        return Math.signum(v) * Math.floor(Math.abs(v) + 0.5);
    }
}
