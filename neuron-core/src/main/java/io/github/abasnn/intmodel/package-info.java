/**
 * Integer-only models: a trained network exported with each layer's weights packed at its learned bit width, its
 * neuron thresholds as fixed-point integers and batch norm folded into per-channel integer multipliers and shifts
 * ({@link io.github.abasnn.intmodel.IntExporter}); a versioned, checksummed binary file
 * ({@link io.github.abasnn.intmodel.IntModelFile}); and an engine that runs it with integer arithmetic only
 * ({@link io.github.abasnn.intmodel.IntEngine}). The format and the arithmetic are written up in
 * {@code docs/integer-model.md}.
 *
 * <p>May import: {@code cost}, {@code quant}, {@code kernel}, {@code nn}, {@code data}, {@code train} (the CLI reads
 * checkpoints). Nothing in the engine itself uses floating point.
 */
package io.github.abasnn.intmodel;
