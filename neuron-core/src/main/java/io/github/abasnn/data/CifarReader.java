package io.github.abasnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The CIFAR binary format: fixed-size records of label byte(s) then 3072 pixel bytes (1024 R, 1024 G, 1024 B, row
 * major). CIFAR-10 has one label byte (10 classes); CIFAR-100 has a coarse then a fine label byte (100 fine classes).
 */
public final class CifarReader {
    public static final int PIXELS = 3 * 32 * 32;

    private CifarReader() {}

    /** CIFAR-10 batch files, e.g. {@code data_batch_1.bin .. data_batch_5.bin}. */
    public static ImageSet cifar10(String name, List<Path> files) {
        return read(name, files, 1, 10);
    }

    /** CIFAR-100 files {@code train.bin} / {@code test.bin}, fine labels. */
    public static ImageSet cifar100(String name, List<Path> files) {
        return read(name, files, 2, 100);
    }

    private static ImageSet read(String name, List<Path> files, int labelBytes, int classes) {
        int record = labelBytes + PIXELS;
        byte[][] contents = new byte[files.size()][];
        int total = 0;
        for (int f = 0; f < files.size(); f++) {
            Path file = files.get(f);
            try (InputStream in = Files.newInputStream(file)) {
                contents[f] = in.readAllBytes();
            } catch (NoSuchFileException e) {
                throw new DataFormatException(file, -1, "missing");
            } catch (IOException e) {
                throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
            }
            if (contents[f].length % record != 0) {
                int whole = contents[f].length / record;
                throw new DataFormatException(file, (long) whole * record, "truncated record: " + contents[f].length
                        + " bytes is not a multiple of the " + record + "-byte record");
            }
            total += contents[f].length / record;
        }
        byte[] pixels = new byte[total * PIXELS];
        int[] labels = new int[total];
        int at = 0;
        for (int f = 0; f < files.size(); f++) {
            byte[] c = contents[f];
            for (int off = 0; off < c.length; off += record, at++) {
                int label = c[off + labelBytes - 1] & 0xff;
                if (label >= classes) {
                    throw new DataFormatException(files.get(f), off + labelBytes - 1, "label " + label
                            + " is not below " + classes);
                }
                labels[at] = label;
                System.arraycopy(c, off + labelBytes, pixels, at * PIXELS, PIXELS);
            }
        }
        return new ImageSet(name, pixels, labels, 3, 32, 32, classes);
    }
}
