/**
 * The quantizers of method.md §1-2: the weight quantizer (LSQ step, learnable bit width, the
 * {@link io.github.abasnn.quant.StepGradient} rule), the spike quantizer (the firing function), bit widths, step
 * sizes and their LSQ initialisation.
 *
 * <p>May import: {@code tensor}.
 */
package io.github.abasnn.quant;
