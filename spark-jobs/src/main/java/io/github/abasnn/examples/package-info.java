/**
 * Runnable examples of the public API, as a user would write them (the README shows them).
 *
 * <p>May import: {@code ml} and Spark.
 */
package io.github.abasnn.examples;
