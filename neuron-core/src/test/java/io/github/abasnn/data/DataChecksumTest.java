package io.github.abasnn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataChecksumTest {
    @TempDir
    Path tmp;

    Path dataset(String name, String file, String content) throws Exception {
        Path d = Files.createDirectories(tmp.resolve(name).resolve("sub"));
        Files.writeString(d.resolve(file), content);
        Files.writeString(d.getParent().resolve("labels"), "0123");
        return d.getParent();
    }

    @Test
    void sameFilesSameChecksumAndAnyChangeShows() throws Exception {
        String a = DataChecksum.of(dataset("a", "x.bin", "images"));
        assertTrue(a.startsWith("sha256:") && a.length() == 7 + 64, a);
        assertEquals(a, DataChecksum.of(dataset("b", "x.bin", "images")), "where the data lies does not matter");
        assertNotEquals(a, DataChecksum.of(dataset("c", "x.bin", "imageS")), "one byte changed");
        assertNotEquals(a, DataChecksum.of(dataset("d", "y.bin", "images")), "a file renamed");
    }
}
