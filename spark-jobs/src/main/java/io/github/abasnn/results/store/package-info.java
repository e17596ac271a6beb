/**
 * The result store: the tables ({@code trials}, {@code epochs}, {@code layers}, {@code layer_epochs}, and the score
 * tables) as Delta tables on any Hadoop file system, their schemas and rows, the per-trial commit (grouped when
 * trials finish together, retried on conflicts, spooled when it cannot be written), migration of older stores,
 * the views and time travel, the sweep lease, the audit and plain exports. Every predicate is a Column expression
 * over names checked by one rule ({@code StoreNames}).
 *
 * <p>May import: {@code sweep}, {@code train}, {@code cost}.
 */
package io.github.abasnn.results.store;
