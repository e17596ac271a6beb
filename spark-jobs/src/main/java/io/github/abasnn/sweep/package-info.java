/**
 * Sweep files (HOCON): fixed options, grid or random axes, explicit trials, median stopping; every trial an
 * id that hashes its options.
 *
 * <p>May import: {@code train}, {@code storage}.
 */
package io.github.abasnn.sweep;
