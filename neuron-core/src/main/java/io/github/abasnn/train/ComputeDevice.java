package io.github.abasnn.train;

import java.util.Locale;

/**
 * Where a run's training step runs ({@code --device}): this JVM's CPU (DL4J's step), or one NVIDIA GPU (the step plan's
 * device backend, module neuron-gpu). Either way the CPU defines and initialises the network, writes its checkpoints
 * and evaluates it, so a run may resume on the other device. Not part of what a trial is: results of one
 * configuration trained on either device are the same trial.
 */
public enum ComputeDevice {
    CPU,
    GPU;

    /** The device {@code --device} names ({@code cpu}, {@code gpu}, any case); fails naming the option. */
    public static ComputeDevice parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("--device '" + name + "' must be cpu or gpu");
        }
    }

    /** The name {@code --device} takes. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
