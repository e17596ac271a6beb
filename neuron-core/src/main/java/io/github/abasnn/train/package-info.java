/**
 * Single-machine training: the trainer (cosine-scheduled parameter groups, the bit loss as a listener,
 * recalibration, the switch-off rule, atomic checkpoints and exact resume), its configuration (typed sections, the one
 * set of defaults) and command line, the build's identity ({@link io.github.abasnn.train.BuildInfo}), and the checkpoint inspector.
 *
 * <p>May import: every numerics package and {@code data}; never Spark (enforced by the build).
 */
package io.github.abasnn.train;
