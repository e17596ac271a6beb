package io.github.abasnn.jobs;

import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The GPU Spark assigned the running task ({@code spark.task.resource.gpu.amount}), read from its
 * {@link TaskContext}: with several GPUs per executor, each concurrent trial must use its own, not device 0.
 */
public final class TaskGpu {
    private TaskGpu() {}

    /** The assigned GPU addresses, comma-separated, or null outside a task or without GPU scheduling. */
    public static String assigned() {
        TaskContext tc = TaskContext.get();
        if (tc == null) {
            return null;
        }
        Map<String, ResourceInformation> resources = tc.resourcesJMap();
        ResourceInformation gpu = resources == null ? null : resources.get("gpu");
        return gpu == null || gpu.addresses().length == 0 ? null : String.join(",", gpu.addresses());
    }

    /**
     * Points ND4J at the task's first assigned GPU when the backend is CUDA (a no-op on the CPU backend); returns
     * the address, or null when none was assigned.
     */
    public static String bind() {
        String gpu = assigned();
        if (gpu != null && org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName().contains("Cuda")) {
            int device = cudaOrdinal(gpu.split(",")[0].trim(), System.getenv("CUDA_VISIBLE_DEVICES"));
            org.nd4j.linalg.factory.Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
        return gpu;
    }

    /**
     * The CUDA device ordinal of the GPU Spark calls {@code address}. Spark's addresses are what the discovery script
     * reports (physical indices, as {@code nvidia-smi} numbers them, or UUIDs), while CUDA numbers only the devices
     * {@code CUDA_VISIBLE_DEVICES} lets the process see, in that list's order: with {@code CUDA_VISIBLE_DEVICES=2,3}
     * set by a cluster manager, address 3 is ordinal 1, and ordinal 3 does not exist.
     *
     * @param visibleDevices the process's {@code CUDA_VISIBLE_DEVICES}; null or blank: every device, by index
     * @throws IllegalStateException naming both when the address is not among the visible devices
     */
    public static int cudaOrdinal(String address, String visibleDevices) {
        String a = address.trim();
        if (visibleDevices == null || visibleDevices.isBlank()) {
            try {
                return Integer.parseInt(a);
            } catch (NumberFormatException e) {
                throw new IllegalStateException("GPU address '" + a + "' is not a device index and"
                        + " CUDA_VISIBLE_DEVICES is not set to map it", e);
            }
        }
        String[] visible = visibleDevices.split(",");
        for (int i = 0; i < visible.length; i++) {
            String v = visible[i].trim();
            if (v.equals(a) || isIndex(v) && isIndex(a) && Integer.parseInt(v) == Integer.parseInt(a)) {
                return i;
            }
        }
        throw new IllegalStateException("GPU address '" + a + "' assigned by Spark is not among this process's"
                + " CUDA_VISIBLE_DEVICES=" + visibleDevices + "; make the discovery script report the devices the"
                + " executor can see");
    }

    private static boolean isIndex(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }
}
