package io.github.abasnn.ml;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes a DataFrame's images and labels in a published format the trainer's readers (and so every executor's
 * batch builder) read: IDX for one-channel images of any size ({@code mnist} layout), the CIFAR-10 binary format
 * for 3x32x32 colour. Rows stream through the driver one partition at a time ({@code toLocalIterator}), so the
 * DataFrame never has to fit in memory; the files must sit where the executors can read them.
 */
final class ImageStaging {
    /** Classes of both staged formats (and so of the trained network's output). */
    static final int CLASSES = 10;

    private ImageStaging() {}

    /** A staged split: the dataset name the trainer reads it as, and the number of images. */
    record Staged(String dataset, long images) {}

    static String datasetFor(int channels, int height, int width) {
        if (channels == 1) {
            return "mnist";
        }
        if (channels == 3 && height == 32 && width == 32) {
            return "cifar10";
        }
        throw new IllegalArgumentException("SnnClassifier trains on one-channel images of any size or 3x32x32"
                + " colour images; got " + channels + "x" + height + "x" + width);
    }

    /** Writes {@code rows} (image column, label column) as the {@code train} or {@code test} split under {@code dir}. */
    static Staged write(Dataset<Row> rows, ImageColumn images, int imageIndex, int labelIndex, int classes,
                        int channels, int height, int width, Path dir, boolean train) throws IOException {
        Files.createDirectories(dir);
        String dataset = datasetFor(channels, height, width);
        long n = rows.count();
        Iterator<Row> it = rows.toLocalIterator();
        if (dataset.equals("mnist")) {
            String prefix = train ? "train" : "t10k";
            try (DataOutputStream img = open(dir.resolve(prefix + "-images-idx3-ubyte"));
                 DataOutputStream lab = open(dir.resolve(prefix + "-labels-idx1-ubyte"))) {
                img.writeInt(0x00000803);
                img.writeInt((int) n);
                img.writeInt(height);
                img.writeInt(width);
                lab.writeInt(0x00000801);
                lab.writeInt((int) n);
                while (it.hasNext()) {
                    Row r = it.next();
                    img.write(images.pixels(r, imageIndex));
                    lab.writeByte(label(r, labelIndex, classes));
                }
            }
        } else {
            try (DataOutputStream out = open(dir.resolve(train ? "data_batch_1.bin" : "test_batch.bin"))) {
                while (it.hasNext()) {
                    Row r = it.next();
                    out.writeByte(label(r, labelIndex, classes));
                    out.write(images.pixels(r, imageIndex));
                }
            }
            if (train) {
                for (int i = 2; i <= 5; i++) { // the reader reads five batch files; one holds everything
                    Files.write(dir.resolve("data_batch_" + i + ".bin"), new byte[0]);
                }
            }
        }
        return new Staged(dataset, n);
    }

    static int label(Row r, int index, int classes) {
        if (r.isNullAt(index)) {
            throw new IllegalArgumentException("label is null in a row");
        }
        double v = ((Number) r.get(index)).doubleValue();
        if (v != Math.rint(v) || v < 0 || v >= classes) {
            throw new IllegalArgumentException("label " + v + " is not a class index in [0, " + classes + ")");
        }
        return (int) v;
    }

    private static DataOutputStream open(Path file) throws IOException {
        OutputStream raw = Files.newOutputStream(file);
        return new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
    }
}
