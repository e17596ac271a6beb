/**
 * Data-parallel training, one epoch at a time under the single-machine trainer: parameter averaging as one barrier
 * stage per epoch whose workers keep their network and average through a hub on the driver, or gradient sharing
 * through dl4j-spark's SharedTrainingMaster; executors build their own batches.
 *
 * <p>May import: {@code train}, {@code data}, {@code storage}.
 */
package io.github.abasnn.distributed;
