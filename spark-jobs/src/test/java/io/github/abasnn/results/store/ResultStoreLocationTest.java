package io.github.abasnn.results.store;

import io.github.abasnn.results.store.StoreLocation;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultStoreLocationTest {

    @Test
    void aLocalPathOnAClusterMasterIsRefusedNamingIt() {
        for (String uri : new String[] {"runs/results", "/data/results", "file:///data/results"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StoreLocation.requireShared(uri, "spark://head:7077"));
            assertTrue(e.getMessage().contains("'" + uri + "'") && e.getMessage().contains("spark://head:7077"),
                    e.getMessage());
        }
    }

    @Test
    void sharedUrisAndLocalMastersAreFine() {
        assertDoesNotThrow(() -> StoreLocation.requireShared("hdfs://nn:8020/results", "yarn"));
        assertDoesNotThrow(() -> StoreLocation.requireShared("s3a://bucket/results", "k8s://https://api:6443"));
        assertDoesNotThrow(() -> StoreLocation.requireShared("runs/results", "local[2]"));
    }
}
