/**
 * The bit loss of method.md §5: element-weighted W/S/T averages against targets, absolute deviation,
 * penalties (the paper's defaults and a scale).
 *
 * <p>May import: {@code quant}, {@code neuron}, {@code cost}.
 */
package io.github.abasnn.loss;
