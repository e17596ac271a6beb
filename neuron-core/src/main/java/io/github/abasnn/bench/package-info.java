/**
 * The training-step benchmark ({@code submit/bench/bench.sh}): images/s, GFLOP/s against this machine's sgemm rate,
 * peak memory.
 *
 * <p>May import: {@code train}, {@code quant}, {@code neuron}, {@code kernel}, {@code renewal}, {@code loss},
 * {@code cost}, {@code tensor}, {@code profile}, {@code nn}.
 */
package io.github.abasnn.bench;
