package io.github.abasnn.data.events;

import io.github.abasnn.data.DataFormatException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * AEDAT 3.1 (the DVS128 Gesture recordings): an ASCII header ending in {@code #!END-HEADER}, then packets of a
 * 28-byte little-endian header (type, source, event size, timestamp offset, timestamp overflow, capacity, number,
 * valid) and {@code number} events. Polarity events (type 1, 8 bytes): a 32-bit word — bit 0 valid, bit 1 polarity,
 * bits 2-16 y, bits 17-31 x — and a 32-bit timestamp extended by the packet's overflow ({@code overflow << 31}).
 * Other packet types are skipped; invalid events are dropped.
 */
public final class Aedat31Reader {
    public static final int SENSOR = 128;
    private static final int PACKET_HEADER = 28;
    private static final short POLARITY_EVENT = 1;

    private Aedat31Reader() {}

    public static EventStream read(Path file) {
        byte[] b = io.github.abasnn.data.DataFiles.readAll(file);
        int pos = AedatHeader.dataStart(file, b, "#!AER-DAT3", "#!END-HEADER");
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        List<long[]> events = new ArrayList<>();
        while (pos < b.length) {
            if (b.length - pos < PACKET_HEADER) {
                throw new DataFormatException(file, pos, "truncated packet header (" + (b.length - pos) + " of 28 bytes)");
            }
            short type = buf.getShort(pos);
            int size = buf.getInt(pos + 4);
            int tsOverflow = buf.getInt(pos + 12);
            int number = buf.getInt(pos + 20);
            if (size <= 0 || number < 0) {
                throw new DataFormatException(file, pos, "bad packet header: event size " + size + ", number " + number);
            }
            long body = (long) size * number;
            if (pos + PACKET_HEADER + body > b.length) {
                throw new DataFormatException(file, pos, "truncated packet: " + number + " events of " + size
                        + " bytes promised, " + (b.length - pos - PACKET_HEADER) + " bytes left");
            }
            if (type == POLARITY_EVENT) {
                if (size < 8) {
                    throw new DataFormatException(file, pos + 4, "polarity events need 8 bytes, header says " + size);
                }
                for (int i = 0; i < number; i++) {
                    int at = pos + PACKET_HEADER + i * size;
                    int data = buf.getInt(at);
                    if ((data & 1) == 0) {
                        continue;
                    }
                    long t = ((long) tsOverflow << 31) | (buf.getInt(at + 4) & 0xffffffffL);
                    int x = (data >>> 17) & 0x7fff;
                    int y = (data >>> 2) & 0x7fff;
                    if (x >= SENSOR || y >= SENSOR) {
                        throw new DataFormatException(file, at, "event at (" + x + ", " + y + ") outside the 128x128 sensor");
                    }
                    events.add(new long[] {x, y, t, (data >>> 1) & 1});
                }
            }
            pos += PACKET_HEADER + (int) body;
        }
        events.sort(java.util.Comparator.comparingLong(e -> e[2])); // packets are only roughly ordered
        int n = events.size();
        int[] x = new int[n];
        int[] y = new int[n];
        long[] t = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            long[] e = events.get(i);
            x[i] = (int) e[0];
            y[i] = (int) e[1];
            t[i] = e[2];
            p[i] = (byte) e[3];
        }
        return new EventStream(SENSOR, SENSOR, x, y, t, p);
    }

    /** One labelled gesture: its class and its events. */
    public record Gesture(int label, EventStream events) {}

    /**
     * Cuts a DVS128 Gesture recording into its gestures with the recording's labels file
     * ({@code class,startTime_usec,endTime_usec}, classes numbered from 1; returned from 0).
     */
    public static List<Gesture> gestures(Path aedat, Path labelsCsv) {
        EventStream all = read(aedat);
        List<String> lines;
        try {
            lines = Files.readAllLines(labelsCsv);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(labelsCsv, -1, "missing");
        } catch (IOException e) {
            throw new DataFormatException(labelsCsv, "cannot read: " + e.getMessage(), e);
        }
        List<Gesture> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",");
            try {
                int label = Integer.parseInt(f[0].trim()) - 1;
                if (label < 0 || label >= 11) {
                    throw new DataFormatException(labelsCsv, -1, "line " + (i + 1) + ": class " + (label + 1)
                            + " is outside 1..11");
                }
                out.add(new Gesture(label, all.slice(Long.parseLong(f[1].trim()), Long.parseLong(f[2].trim()))));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new DataFormatException(labelsCsv, -1, "line " + (i + 1) + " is not class,start,end: '" + line + "'");
            }
        }
        return out;
    }
}
