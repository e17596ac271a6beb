package io.github.abasnn.profile;

/** The parts of a training step the benchmark times apart ({@link PhaseTimes}). */
public enum Phase {
    CONV_FORWARD("conv/dense forward"),
    CONV_BACKWARD("conv/dense backward"),
    NEURON_FORWARD("neuron forward"),
    NEURON_BACKWARD("neuron backward"),
    WEIGHT_QUANT_FORWARD("weight quantizer forward"),
    WEIGHT_QUANT_BACKWARD("weight quantizer backward"),
    STEP_INIT_AND_RENEWAL("LSQ init and renewal"),
    BATCH_NORM_FORWARD("batch norm forward"),
    BATCH_NORM_BACKWARD("batch norm backward"),
    BIT_LOSS("bit loss"),
    UPDATER("updater");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
