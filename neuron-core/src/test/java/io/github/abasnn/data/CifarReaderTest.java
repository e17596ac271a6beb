package io.github.abasnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarReaderTest {
    @TempDir
    Path dir;

    private static byte[] records(int labelBytes, int... labels) {
        int rec = labelBytes + CifarReader.PIXELS;
        byte[] b = new byte[labels.length * rec];
        for (int i = 0; i < labels.length; i++) {
            if (labelBytes == 2) {
                b[i * rec] = 3; // coarse label
            }
            b[i * rec + labelBytes - 1] = (byte) labels[i];
            b[i * rec + labelBytes] = (byte) (100 + i); // first red pixel
            b[i * rec + labelBytes + 1024] = (byte) (50 + i); // first green pixel
        }
        return b;
    }

    @Test
    void readsCifar10RecordsChannelMajor() throws IOException {
        Path f = Files.write(dir.resolve("data_batch_1.bin"), records(1, 6, 9));
        ImageSet set = CifarReader.cifar10("c10", List.of(f));
        assertArrayEquals(new int[] {6, 9}, set.labels());
        assertEquals(3, set.channels());
        assertEquals(101, set.pixels()[CifarReader.PIXELS] & 0xff);
        assertEquals(51, set.pixels()[CifarReader.PIXELS + 1024] & 0xff);
    }

    @Test
    void readsCifar100FineLabels() throws IOException {
        Path f = Files.write(dir.resolve("train.bin"), records(2, 77, 5));
        assertArrayEquals(new int[] {77, 5}, CifarReader.cifar100("c100", List.of(f)).labels());
    }

    @Test
    void truncatedRecordNamesFileAndOffset() throws IOException {
        byte[] two = records(1, 1, 2);
        Path f = Files.write(dir.resolve("data_batch_1.bin"), java.util.Arrays.copyOf(two, two.length - 10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CifarReader.cifar10("c10", List.of(f)));
        assertTrue(e.getMessage().contains("data_batch_1.bin") && e.getMessage().contains("at byte 3073")
                && e.getMessage().contains("truncated record"), e.getMessage());
    }

    @Test
    void mislabelledRecordIsRejected() throws IOException {
        Path f = Files.write(dir.resolve("data_batch_1.bin"), records(1, 3, 10));
        DataFormatException e = assertThrows(DataFormatException.class, () -> CifarReader.cifar10("c10", List.of(f)));
        assertTrue(e.getMessage().contains("at byte 3073") && e.getMessage().contains("label 10"), e.getMessage());
    }

    @Test
    void missingBatchFileIsNamed() {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> CifarReader.cifar10("c10", List.of(dir.resolve("data_batch_3.bin"))));
        assertTrue(e.getMessage().contains("data_batch_3.bin") && e.getMessage().contains("missing"));
    }
}
