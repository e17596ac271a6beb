/**
 * Runnable examples of the public API, as a user would write them (the README shows them).
 *
 * <p>May import: {@code ml}, {@code results.store} (a session with Delta configured, as a user's program would).
 */
package io.github.abasnn.examples;
