package io.github.abasnn.results.store;

import io.github.abasnn.train.ComputeDevice;
import io.github.abasnn.train.CudaVisibleDevices;
import io.github.abasnn.train.DeviceFitterProvider;
import io.github.abasnn.train.TrainConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where and with what a trial ran, for its {@code trials} row: the dataset's checksum
 * ({@link TrainConfig.Data#checksumOf}), the ND4J backend (with the GPU address Spark assigned the task, if any), the
 * cores and math threads the training JVM had, the host, and the Spark and ND4J versions. The code's version and
 * commit are {@code code_version}.
 */
public record Provenance(String dataChecksum, String backend, String threads, String host, String sparkVersion,
                         String nd4jVersion) {

    /**
     * Measured in this JVM (an executor's, for a sweep trial) for a run whose step ran on {@code device}; the checksum
     * null when the data cannot be read. For a GPU its name, compute capability, driver, CUDA runtime, cuDNN and cuBLAS
     * versions join the backend (the task's assigned GPU, or GPU 0).
     */
    public static Provenance here(Path dataDir, ComputeDevice device) {
        String checksum;
        try {
            checksum = dataDir != null && Files.exists(dataDir) ? TrainConfig.Data.checksumOf(dataDir) : null;
        } catch (RuntimeException e) {
            checksum = null;
        }
        String omp = System.getenv("OMP_NUM_THREADS");
        String threads = "cores " + Runtime.getRuntime().availableProcessors() + ", omp " + (omp == null ? "default"
                : omp);
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "unknown";
        }
        String backend = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName();
        org.apache.spark.TaskContext task = org.apache.spark.TaskContext.get();
        var gpu = task == null || task.resourcesJMap() == null ? null : task.resourcesJMap().get("gpu");
        if (gpu != null && gpu.addresses().length > 0) { // the addresses Spark assigned the trial's task
            backend += ", GPU " + String.join(",", gpu.addresses());
        }
        if (device != ComputeDevice.CPU) {
            try {
                int ordinal = gpu == null || gpu.addresses().length == 0 ? 0
                        : CudaVisibleDevices.ordinal(gpu.addresses()[0], System.getenv("CUDA_VISIBLE_DEVICES"));
                backend += "; step on " + DeviceFitterProvider.of(device).describe(ordinal);
            } catch (RuntimeException e) { // the row is written whatever the device says
                backend += "; step on " + device.optionName() + " (not described: " + e.getMessage() + ")";
            }
        }
        String nd4j = org.nd4j.linalg.factory.Nd4j.class.getPackage().getImplementationVersion();
        return new Provenance(checksum, backend, threads, host, org.apache.spark.package$.MODULE$.SPARK_VERSION(),
                nd4j == null ? "1.0.0-M2.1" : nd4j);
    }
}
