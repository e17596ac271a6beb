/**
 * Where a training step's time goes: wall time per phase (convolutions, neuron, quantizers, renewal, bit loss,
 * updater), summed while the benchmark switches it on.
 *
 * <p>May import: nothing of the project. (Every numerics package may import it.)
 */
package io.github.abasnn.profile;
