/**
 * Step-size renewal (method.md §4): the bit-width observer, the K-point range search with the p-norm
 * error, the weight-side rescale, and the per-epoch switch-off rule.
 *
 * <p>May import: {@code quant}, {@code neuron}, {@code kernel}.
 */
package io.github.abasnn.renewal;
