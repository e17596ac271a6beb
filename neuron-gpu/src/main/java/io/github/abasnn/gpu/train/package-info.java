/**
 * {@code --device gpu} for the trainer and the sweeps: {@link io.github.abasnn.gpu.train.GpuFitterProvider}, found by
 * neuron-core's {@code DeviceFitterProvider} lookup, opens a {@link io.github.abasnn.gpu.train.GpuEpochFitter} that
 * trains each epoch with the device step and hands LSQ initialisation and renewal to neuron-core's own code on the
 * host. Runs where the trainer runs (ND4J on the class path), never in the device check's carry.
 *
 * <p>May import: {@code gpu}, {@code gpu.cuda}, {@code gpu.step}, {@code train}, {@code plan}, {@code nn},
 * {@code neuron}, {@code data}.
 */
package io.github.abasnn.gpu.train;
