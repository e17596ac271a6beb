package io.github.abasnn.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/** Writes small IDX files in the published format, for tests. */
public final class IdxFiles {
    private IdxFiles() {}

    public static byte[] images(int n, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(rows);
        out.writeInt(cols);
        out.write(pixels);
        return bytes.toByteArray();
    }

    public static byte[] labels(int[] labels) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(labels.length);
        for (int l : labels) {
            out.writeByte(l);
        }
        return bytes.toByteArray();
    }

    public static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    /**
     * A learnable toy dataset in the Fashion-MNIST layout: class {@code k} is a bright bar at row band {@code k}
     * plus noise. Writes train and t10k files (gzipped) into {@code dir}.
     */
    public static void writeToyDataset(Path dir, int train, int test, int size, int classes, long seed) throws IOException {
        Files.createDirectories(dir);
        Random rng = new Random(seed);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? train : test;
            byte[] px = new byte[n * size * size];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(classes);
                int band = y[i] * size / classes;
                for (int r = 0; r < size; r++) {
                    for (int c = 0; c < size; c++) {
                        int v = (r >= band && r < band + Math.max(1, size / classes)) ? 200 : 20;
                        v += rng.nextInt(40);
                        px[(i * size + r) * size + c] = (byte) Math.min(255, v);
                    }
                }
            }
            write(dir.resolve(split + "-images-idx3-ubyte.gz"), images(n, size, size, px), true);
            write(dir.resolve(split + "-labels-idx1-ubyte.gz"), labels(y), true);
        }
    }
}
