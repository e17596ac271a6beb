package io.github.abasnn.neuron;

/** The two forms a neuron's input takes, which decide how its T steps are driven and what it outputs. */
public enum NeuronInput {
    /** A static input (an image's activations) driving each of T steps; the output is {@code sum_t s_t / T}. */
    TIME_FREE,
    /** Frames with a real time axis (event data), folded time-major {@code [T*B, ...]}; a spike map per step. */
    FRAMES
}
