/**
 * Data-parallel training through dl4j-spark's training masters (parameter averaging, gradient sharing), one
 * epoch at a time under the single-machine trainer; executors build their own batches.
 *
 * <p>May import: {@code train}, {@code data}, {@code storage}.
 */
package io.github.abasnn.distributed;
