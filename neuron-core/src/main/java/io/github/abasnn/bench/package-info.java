/**
 * The training-step benchmark ({@code submit/bench/bench.sh}): images/s, GFLOP/s against this machine's sgemm rate,
 * peak memory.
 *
 * <p>May import: {@code train} and the numerics.
 */
package io.github.abasnn.bench;
