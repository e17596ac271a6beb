package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Spark's GPU address mapped to the CUDA ordinal the process sees. */
class TaskGpuTest {
    @Test
    void anAddressIsItsPositionAmongTheVisibleDevices() {
        assertEquals(3, TaskGpu.cudaOrdinal("3", null), "every device visible: the index itself");
        assertEquals(3, TaskGpu.cudaOrdinal("3", " "));
        assertEquals(1, TaskGpu.cudaOrdinal("3", "2,3"), "a cluster manager's CUDA_VISIBLE_DEVICES renumbers");
        assertEquals(0, TaskGpu.cudaOrdinal("05", "5,7"));
        assertEquals(1, TaskGpu.cudaOrdinal("GPU-bbbb", "GPU-aaaa, GPU-bbbb"), "UUIDs map by name");
    }

    @Test
    void anAddressTheProcessCannotSeeIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TaskGpu.cudaOrdinal("1", "2,3"));
        assertTrue(e.getMessage().contains("'1'") && e.getMessage().contains("CUDA_VISIBLE_DEVICES=2,3"),
                e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> TaskGpu.cudaOrdinal("GPU-aaaa", null));
        assertTrue(e.getMessage().contains("GPU-aaaa"), e.getMessage());
    }

    @Test
    void outsideATaskNoGpuIsAssigned() {
        assertNull(TaskGpu.assigned());
    }
}
