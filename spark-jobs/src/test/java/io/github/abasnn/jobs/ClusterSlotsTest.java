package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class ClusterSlotsTest {
    @Test
    void cpuSlotsAreTheOfferedCoresOverTaskCpus() {
        assertEquals(2, ClusterSlots.of(new SparkConf(false), 0, 2));
        assertEquals(4, ClusterSlots.of(new SparkConf(false).set("spark.task.cpus", "4"), 4, 16));
        assertEquals(1, ClusterSlots.of(new SparkConf(false).set("spark.task.cpus", "4"), 1, 2));
    }

    @Test
    void gpuSlotsAreExecutorsTimesGpusPerTask() {
        SparkConf yarn = new SparkConf(false).set("spark.executor.instances", "4")
                .set("spark.executor.resource.gpu.amount", "1").set("spark.task.resource.gpu.amount", "1")
                .set("spark.task.cpus", "4");
        assertEquals(4, ClusterSlots.of(yarn, 0, 2), "the templates' 4 GPU executors: 4 trials at once");
        SparkConf shared = new SparkConf(false).set("spark.executor.resource.gpu.amount", "2")
                .set("spark.task.resource.gpu.amount", "0.5");
        assertEquals(12, ClusterSlots.of(shared, 3, 48), "3 registered executors x 2 GPUs / 0.5");
        SparkConf dynamic = new SparkConf(false).set("spark.dynamicAllocation.enabled", "true")
                .set("spark.dynamicAllocation.maxExecutors", "6").set("spark.task.resource.gpu.amount", "1");
        assertEquals(6, ClusterSlots.of(dynamic, 0, 2));
    }
}
