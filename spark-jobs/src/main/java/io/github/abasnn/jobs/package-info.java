/**
 * The application's entry point ({@code Main}: train, sweep, report, sql, export, score, stopping-replay, history,
 * audit) and its jobs, and where trials are scheduled: one trial per Spark task, bound to the GPU Spark assigned it
 * ({@code TaskGpu}).
 *
 * <p>May import: {@code distributed}, {@code ml}, {@code results.store}, {@code results.report}, {@code storage},
 * {@code sweep}, {@code train}, {@code cost} (what a training run reports), {@code renewal} (the report's policy
 * filter). Datasets and checkpoints are read through {@code ml} and {@code train}, not directly.
 */
package io.github.abasnn.jobs;
