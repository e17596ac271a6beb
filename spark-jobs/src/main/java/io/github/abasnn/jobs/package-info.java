/**
 * The application's entry point and jobs: {@code train}, {@code sweep}, {@code report}, {@code sql},
 * {@code export}.
 *
 * <p>May import: {@code distributed}, {@code ml}, {@code results}, {@code storage}, {@code sweep}, {@code train}, {@code cost} (what a training run
 * reports). Datasets and checkpoints are read through {@code ml} and {@code train}, not directly.
 */
package io.github.abasnn.jobs;
