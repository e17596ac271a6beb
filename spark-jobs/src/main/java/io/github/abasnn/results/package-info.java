/**
 * The result tables ({@code trials}, {@code epochs}, {@code layers}, {@code layer_epochs}): schemas, the
 * store and its per-trial commit (grouped when trials finish together), Pareto fronts, learned-against-uniform
 * comparison (dominance, hypervolume), the report (tables, charts, HTML) and plain exports.
 *
 * <p>May import: {@code sweep}, {@code train}, {@code cost}.
 */
package io.github.abasnn.results;
