package io.github.abasnn.jobs;

import io.github.abasnn.train.CudaVisibleDevices;
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
            int device = assignedOrdinal();
            org.nd4j.linalg.factory.Nd4j.getAffinityManager().unsafeSetDevice(device);
        }
        return gpu;
    }

    /** The CUDA device ordinal of the GPU Spark calls {@code address} ({@link CudaVisibleDevices}). */
    public static int cudaOrdinal(String address, String visibleDevices) {
        return CudaVisibleDevices.ordinal(address, visibleDevices);
    }

    /** The CUDA ordinal of the task's first assigned GPU, or 0 when Spark assigned none. */
    public static int assignedOrdinal() {
        String gpu = assigned();
        return gpu == null ? 0 : cudaOrdinal(gpu.split(",")[0], System.getenv("CUDA_VISIBLE_DEVICES"));
    }
}
