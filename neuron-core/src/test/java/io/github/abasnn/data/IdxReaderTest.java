package io.github.abasnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    private final byte[] pixels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17};

    @Test
    void readsRawAndGzippedFiles() throws IOException {
        IdxFiles.write(dir.resolve("img"), IdxFiles.images(2, 3, 3, pixels), false);
        IdxFiles.write(dir.resolve("lab.gz"), IdxFiles.labels(new int[] {7, 2}), true);
        ImageSet set = IdxReader.read("toy", dir.resolve("img"), dir.resolve("lab.gz"), 10);
        assertEquals(2, set.size());
        assertEquals(3, set.height());
        assertArrayEquals(pixels, set.pixels());
        assertArrayEquals(new int[] {7, 2}, set.labels());
    }

    @Test
    void locateFindsTheGzippedFile() throws IOException {
        Files.writeString(dir.resolve("train-images-idx3-ubyte.gz"), "");
        assertEquals(dir.resolve("train-images-idx3-ubyte.gz"), IdxReader.locate(dir, "train-images-idx3-ubyte"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> IdxReader.locate(dir, "t10k-images-idx3-ubyte"));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte") && e.getMessage().contains("missing"));
    }

    @Test
    void truncatedDataNamesFileAndOffset() throws IOException {
        byte[] full = IdxFiles.images(2, 3, 3, pixels);
        IdxFiles.write(dir.resolve("img"), Arrays.copyOf(full, full.length - 5), false);
        IdxFiles.write(dir.resolve("lab"), IdxFiles.labels(new int[] {1, 2}), false);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read("toy", dir.resolve("img"), dir.resolve("lab"), 10));
        assertTrue(e.getMessage().contains(dir.resolve("img").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("at byte " + (full.length - 5)) && e.getMessage().contains("truncated"),
                e.getMessage());
    }

    @Test
    void truncatedHeaderIsReported() throws IOException {
        IdxFiles.write(dir.resolve("img"), new byte[] {0, 0, 8, 3, 0, 0}, false);
        IdxFiles.write(dir.resolve("lab"), IdxFiles.labels(new int[] {1}), false);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read("toy", dir.resolve("img"), dir.resolve("lab"), 10));
        assertTrue(e.getMessage().contains("at byte 4") && e.getMessage().contains("truncated header"), e.getMessage());
    }

    @Test
    void badMagicIsNotAnIdxFile() throws IOException {
        Files.write(dir.resolve("img"), "PK\u0003\u0004 zip, not idx".getBytes());
        IdxFiles.write(dir.resolve("lab"), IdxFiles.labels(new int[] {1}), false);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read("toy", dir.resolve("img"), dir.resolve("lab"), 10));
        assertTrue(e.getMessage().contains("at byte 0") && e.getMessage().contains("not an IDX file"), e.getMessage());
    }

    @Test
    void labelsAndImagesMustAgree() throws IOException {
        IdxFiles.write(dir.resolve("img"), IdxFiles.images(2, 3, 3, pixels), false);
        IdxFiles.write(dir.resolve("lab"), IdxFiles.labels(new int[] {1, 2, 3}), false);
        DataFormatException count = assertThrows(DataFormatException.class,
                () -> IdxReader.read("toy", dir.resolve("img"), dir.resolve("lab"), 10));
        assertTrue(count.getMessage().contains("3 labels for 2 images"), count.getMessage());

        IdxFiles.write(dir.resolve("lab"), IdxFiles.labels(new int[] {1, 12}), false);
        DataFormatException range = assertThrows(DataFormatException.class,
                () -> IdxReader.read("toy", dir.resolve("img"), dir.resolve("lab"), 10));
        assertTrue(range.getMessage().contains("at byte 9") && range.getMessage().contains("label 12"),
                range.getMessage());
    }

    @Test
    void missingFileIsNamed() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> IdxReader.read("toy", dir.resolve("nope"), dir.resolve("lab"), 10));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("missing"), e.getMessage());
    }
}
