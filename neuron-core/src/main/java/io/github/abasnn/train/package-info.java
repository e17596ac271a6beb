/**
 * Single-machine training: the trainer (cosine-scheduled parameter groups, the bit loss as a listener,
 * recalibration, the switch-off rule, atomic checkpoints and exact resume), its configuration (typed sections, the one
 * set of defaults) and command line, the build's identity ({@link io.github.abasnn.train.BuildInfo}), and the checkpoint inspector.
 *
 * <p>May import: {@code quant}, {@code neuron}, {@code kernel}, {@code renewal}, {@code loss}, {@code cost},
 * {@code tensor}, {@code profile}, {@code nn}, {@code data}, {@code data.events}, {@code plan}. Never Spark (neuron-core has no
 * Spark dependency).
 */
package io.github.abasnn.train;
