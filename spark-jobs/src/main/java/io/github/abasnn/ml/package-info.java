/**
 * The learned network as a Spark ML stage: {@link io.github.abasnn.ml.SnnClassifier} (an {@code Estimator} whose
 * typed {@code Param}s are the trainer's options, defaults read from {@code TrainConfig.DEFAULTS}) trains data-parallel
 * on the executors (parameter averaging); {@link io.github.abasnn.ml.SnnClassificationModel} scores DataFrames on the
 * executors. Both save and load as MLlib stages, so they live in a {@code Pipeline}.
 *
 * <p>May import: {@code distributed}, {@code results.store}, {@code train}, {@code data}, {@code nn}, {@code cost},
 * {@code loss}, {@code quant}, {@code intmodel} (a run's checkpoint as a model).
 * Not imported by {@code distributed}, {@code results.store}, {@code results.report} or {@code sweep}.
 */
package io.github.abasnn.ml;
