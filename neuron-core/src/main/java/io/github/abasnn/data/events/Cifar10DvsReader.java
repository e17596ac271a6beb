package io.github.abasnn.data.events;

import io.github.abasnn.data.DataFormatException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * CIFAR10-DVS recordings (jAER AEDAT 2.0 from a DVS128): {@code #} header lines, then big-endian pairs of a 32-bit
 * address and a 32-bit microsecond timestamp. DVS128 address: bit 0 polarity (0 ON, 1 OFF, as jAER), bits 1-7 x,
 * bits 8-14 y. Coordinates are returned as the sensor reports them; polarity as 1 ON, 0 OFF.
 */
public final class Cifar10DvsReader {
    public static final int SENSOR = 128;

    private Cifar10DvsReader() {}

    public static EventStream read(Path file) {
        byte[] b = io.github.abasnn.data.DataFiles.readAll(file);
        int start = AedatHeader.dataStart(file, b, null, null);
        int bytes = b.length - start;
        if (bytes % 8 != 0) {
            throw new DataFormatException(file, start + (long) (bytes / 8) * 8, "truncated event: " + bytes
                    + " data bytes is not a multiple of 8");
        }
        int n = bytes / 8;
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.BIG_ENDIAN);
        int[] x = new int[n];
        int[] y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            int at = start + i * 8;
            int addr = buf.getInt(at);
            x[i] = (addr >>> 1) & 0x7f;
            y[i] = (addr >>> 8) & 0x7f;
            p[i] = (byte) (1 - (addr & 1));
            t[i] = buf.getInt(at + 4) & 0xffffffffL;
            if (i > 0 && t[i] < t[i - 1]) {
                throw new DataFormatException(file, at + 4, "timestamp " + t[i] + " goes back in time (previous "
                        + t[i - 1] + ")");
            }
        }
        return new EventStream(SENSOR, SENSOR, x, y, t, p);
    }
}
