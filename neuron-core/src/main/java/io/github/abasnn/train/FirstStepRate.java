package io.github.abasnn.train;

import io.github.abasnn.nn.QuantConv2D;
import io.github.abasnn.nn.QuantizedLayer;

/**
 * The learning rate of the first layer's weight step size {@code a}, relative to the bit-width/step-size group's.
 *
 * <p>That layer keeps fixed 8-bit weights and batch norm follows it, so the loss hardly depends on {@code a} until
 * weights clip, and its LSQ gradient (method.md §2, {@code g} applied once) grows as {@code 1/a}. At the group's rate
 * (0.1) the step ran away on Fashion-MNIST (ResNet-20 width 8): {@code a} fell from 0.023 to 0.006 in 70 steps, then
 * crossed zero in three (0.0057, 0.0014, -0.014), was floored at 1e-5 and jumped to 1e6; the raw weights followed to
 * 1e8 and some runs lost several points. The authors' release applies {@code g} twice for convolutions, so its update
 * of {@code a} is the spec's times {@code g}; {@link #RELEASE} reproduces that update for this one parameter while
 * the gradient stays the spec's.
 */
public enum FirstStepRate {
    /** bit lr times {@code g = 1/sqrt(N * 127)} for a conv first layer (the release's update); bit lr for dense. */
    RELEASE,
    /** bit lr: the spec's gradient at the group's rate (the runaway above). */
    SPEC;

    /** Multiplier on the group's learning rate for {@code first}'s weight step size. */
    public double scale(QuantizedLayer first) {
        return this == RELEASE && first instanceof QuantConv2D ? first.weightStepGradientScale() : 1;
    }

    /** Parses a command-line value, naming the option when it is not one of the constants. */
    public static FirstStepRate parse(String value) {
        for (FirstStepRate r : values()) {
            if (r.name().equalsIgnoreCase(value)) {
                return r;
            }
        }
        throw new IllegalArgumentException("--first-step-rate '" + value + "' must be release or spec");
    }
}
