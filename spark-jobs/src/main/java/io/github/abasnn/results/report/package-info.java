/**
 * What a sweep's results say, read from the store: Pareto fronts per cost, learned against uniform (dominance,
 * hypervolume, same-budget pairs), the stopping-rule replay, the charts (fronts, allocation heatmaps, energy per
 * layer, training curves) and the report page.
 *
 * <p>May import: {@code results.store}, {@code sweep}, {@code train}, {@code cost}, {@code renewal} (a report of one
 * renewal policy's trials).
 */
package io.github.abasnn.results.report;
