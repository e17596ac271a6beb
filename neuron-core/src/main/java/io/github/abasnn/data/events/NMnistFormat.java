package io.github.abasnn.data.events;

import io.github.abasnn.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The N-MNIST {@code .bin} format (Orchard et al. 2015): 5 bytes per event — x (8 bits), y (8 bits), polarity
 * (1 bit) and a 23-bit microsecond timestamp — on a 34x34 sensor. Reads and writes it.
 */
public final class NMnistFormat {
    public static final int SENSOR = 34;
    private static final int EVENT_BYTES = 5;
    private static final long MAX_TIME = (1L << 23) - 1;

    private NMnistFormat() {}

    public static EventStream read(Path file) {
        byte[] b = io.github.abasnn.data.DataFiles.readAll(file);
        if (b.length % EVENT_BYTES != 0) {
            throw new DataFormatException(file, (long) (b.length / EVENT_BYTES) * EVENT_BYTES,
                    "truncated event: " + b.length + " bytes is not a multiple of 5");
        }
        int n = b.length / EVENT_BYTES;
        int[] x = new int[n];
        int[] y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            int o = i * EVENT_BYTES;
            x[i] = b[o] & 0xff;
            y[i] = b[o + 1] & 0xff;
            p[i] = (byte) ((b[o + 2] >> 7) & 1);
            t[i] = ((long) (b[o + 2] & 0x7f) << 16) | ((b[o + 3] & 0xff) << 8) | (b[o + 4] & 0xff);
            if (x[i] >= SENSOR || y[i] >= SENSOR) {
                throw new DataFormatException(file, o, "event at (" + x[i] + ", " + y[i] + ") is outside the 34x34 sensor");
            }
            if (i > 0 && t[i] < t[i - 1]) {
                throw new DataFormatException(file, o + 2, "timestamp " + t[i] + " goes back in time (previous " + t[i - 1] + ")");
            }
        }
        return new EventStream(SENSOR, SENSOR, x, y, t, p);
    }

    public static void write(Path file, EventStream events) throws IOException {
        if (events.width() > SENSOR || events.height() > SENSOR) {
            throw new IllegalArgumentException("N-MNIST holds a 34x34 sensor, not " + events.width() + "x" + events.height());
        }
        byte[] b = new byte[events.size() * EVENT_BYTES];
        for (int i = 0; i < events.size(); i++) {
            long t = events.t()[i];
            if (t < 0 || t > MAX_TIME) {
                throw new IllegalArgumentException("timestamp " + t + " does not fit N-MNIST's 23 bits");
            }
            int o = i * EVENT_BYTES;
            b[o] = (byte) events.x()[i];
            b[o + 1] = (byte) events.y()[i];
            b[o + 2] = (byte) ((events.p()[i] << 7) | (int) (t >> 16));
            b[o + 3] = (byte) (t >> 8);
            b[o + 4] = (byte) t;
        }
        Files.write(file, b);
    }
}
