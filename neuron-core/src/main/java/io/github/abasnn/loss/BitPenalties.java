package io.github.abasnn.loss;

/**
 * The weights {@code lw, ls, lt} of the bit loss (method.md §5). The paper's defaults depend on the target:
 * {@code 0.04/0.04/0.01} when a bit target is below 3, else {@code 0.01/0.02/0.01}. Short runs may scale them
 * ({@link #scaled}) because a few hundred steps cannot move a bit width across a rounding boundary otherwise.
 */
public record BitPenalties(double weight, double spike, double time) implements java.io.Serializable {

    public BitPenalties {
        check(weight, "weight penalty lw");
        check(spike, "spike penalty ls");
        check(time, "time penalty lt");
    }

    /** The paper's defaults for {@code targets}. */
    public static BitPenalties defaultsFor(BitTargets targets) {
        boolean low = targets.weightBits() < 3 || targets.spikeBits() < 3;
        return low ? new BitPenalties(0.04, 0.04, 0.01) : new BitPenalties(0.01, 0.02, 0.01);
    }

    /** All three multiplied by {@code factor}. */
    public BitPenalties scaled(double factor) {
        check(factor, "penalty scale");
        return new BitPenalties(weight * factor, spike * factor, time * factor);
    }

    private static void check(double v, String name) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }
}
