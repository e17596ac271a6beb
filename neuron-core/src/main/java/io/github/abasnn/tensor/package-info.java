/**
 * Small ND4J helpers shared by the numerics: round-half-away, clip, masks, finiteness checks.
 *
 * <p>May import: nothing of the project (ND4J only).
 */
package io.github.abasnn.tensor;
