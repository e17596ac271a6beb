package io.github.abasnn.train;

/**
 * A training step on a device other than this JVM's CPU, found with {@link java.util.ServiceLoader} so neuron-core
 * need not depend on the module that provides it (neuron-gpu provides {@link ComputeDevice#GPU}).
 */
public interface DeviceFitterProvider {
    /** The device this provider trains on. */
    ComputeDevice device();

    /** Why this device cannot train here (no driver, no GPU), or null when it can. */
    String unavailableReason();

    /** Why this device cannot train {@code config} (something its step does not do yet), or null when it can. */
    default String unsupported(TrainConfig config) {
        return null;
    }

    /**
     * An epoch fitter for {@code config} on device {@code ordinal} (as the device's runtime numbers the devices this
     * process sees). It holds the device until closed.
     */
    EpochFitter open(TrainConfig config, int ordinal);

    /**
     * What provenance records of device {@code ordinal}: for a GPU its name, compute capability, driver, CUDA runtime,
     * cuDNN and cuBLAS versions.
     */
    String describe(int ordinal);

    /**
     * The provider for {@code device}; fails (a bad option for this machine) saying what to add when none is on the
     * class path, or why it cannot run here.
     */
    static DeviceFitterProvider of(ComputeDevice device) {
        for (DeviceFitterProvider p : java.util.ServiceLoader.load(DeviceFitterProvider.class)) {
            if (p.device() == device) {
                String why = p.unavailableReason();
                if (why != null) {
                    throw new IllegalArgumentException("--device " + device.optionName() + ": " + why);
                }
                return p;
            }
        }
        throw new IllegalArgumentException("--device " + device.optionName() + " needs the neuron-gpu module on the class"
                + " path (ABA_GPU=1 for the submit/ scripts, -Pgpu for spark-jobs' build; docs/training.md, \"--device gpu\")");
    }
}
