package io.github.abasnn.jobs;

import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;

/**
 * How many trials a sweep runs at once when {@code --concurrency} is not given: one per task slot the cluster has.
 * With GPU scheduling ({@code spark.task.resource.gpu.amount}) that is executors x (GPUs per executor / GPUs per
 * task); otherwise the cores Spark offers divided by {@code spark.task.cpus}.
 */
final class ClusterSlots {
    private ClusterSlots() {}

    static int of(SparkContext sc) {
        return of(sc.getConf(), sc.statusTracker().getExecutorInfos().length - 1, sc.defaultParallelism());
    }

    /**
     * @param registered         executors registered now (the driver excluded)
     * @param defaultParallelism the cores Spark offers ({@code SparkContext.defaultParallelism})
     */
    static int of(SparkConf c, int registered, int defaultParallelism) {
        double taskGpus = c.getDouble("spark.task.resource.gpu.amount", 0);
        int executors = executors(c, registered);
        if (taskGpus > 0 && executors > 0) {
            double gpus = c.getDouble("spark.executor.resource.gpu.amount", 1);
            return Math.max(1, executors * (int) Math.floor(gpus / taskGpus + 1e-9));
        }
        return Math.max(1, defaultParallelism / Math.max(1, c.getInt("spark.task.cpus", 1)));
    }

    static String describe(SparkContext sc) {
        SparkConf c = sc.getConf();
        double taskGpus = c.getDouble("spark.task.resource.gpu.amount", 0);
        int executors = executors(c, sc.statusTracker().getExecutorInfos().length - 1);
        if (taskGpus > 0 && executors > 0) {
            return executors + " executors x " + c.getDouble("spark.executor.resource.gpu.amount", 1)
                    + " GPUs / " + taskGpus + " per task";
        }
        return sc.defaultParallelism() + " cores / spark.task.cpus " + c.getInt("spark.task.cpus", 1);
    }

    /** Registered executors, else the requested count (dynamic allocation: its maximum), else 0 (local mode). */
    private static int executors(SparkConf c, int registered) {
        if (registered > 0) {
            return registered;
        }
        if (c.getBoolean("spark.dynamicAllocation.enabled", false)) {
            return c.getInt("spark.dynamicAllocation.maxExecutors", 0);
        }
        return c.getInt("spark.executor.instances", 0);
    }
}
