/**
 * The training-step benchmark ({@code submit/bench/bench.sh}), of DL4J's step or the step plan's CPU backend: images/s,
 * GFLOP/s against this machine's sgemm rate,
 * peak memory.
 *
 * <p>May import: {@code train}, {@code quant}, {@code neuron}, {@code kernel}, {@code renewal}, {@code loss},
 * {@code cost}, {@code tensor}, {@code profile}, {@code nn}, {@code plan}.
 */
package io.github.abasnn.bench;
