/**
 * Fused single-pass CPU kernels of the neuron and the weight quantizer: the same numbers as {@code neuron} and
 * {@code quant} (held equal by the golden tests), one pass over host memory instead of a chain of ND4J ops; and
 * training-mode batch norm ({@code FusedBatchNorm}), held to oneDNN's within float rounding.
 *
 * <p>May import: {@code quant}, {@code neuron} (the engine interface it implements).
 */
package io.github.abasnn.kernel;
