/**
 * Reader and runner of the golden vectors ({@code shared/spec/golden.md}) on either engine, and
 * {@code GoldenCheck} for other backends.
 *
 * <p>May import: {@code quant}, {@code neuron}, {@code kernel}, {@code renewal}.
 */
package io.github.abasnn.golden;
