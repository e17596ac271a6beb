package io.github.abasnn.data.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.DataFormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event formats written here byte by byte as published, read back; the DVS converter; framing. */
class EventDataTest {
    @TempDir
    Path dir;

    static EventStream small() {
        return new EventStream(34, 34, new int[] {0, 33, 5, 7}, new int[] {1, 33, 9, 2}, new long[] {0, 10, 10, 8_000_000},
                new byte[] {1, 0, 1, 0});
    }

    @Test
    void nmnistRoundTripKeepsEveryField() throws IOException {
        Path f = dir.resolve("00001.bin");
        NMnistFormat.write(f, small());
        assertEquals(20, Files.size(f));
        EventStream back = NMnistFormat.read(f);
        assertArrayEquals(small().x(), back.x());
        assertArrayEquals(small().y(), back.y());
        assertArrayEquals(small().t(), back.t());
        assertArrayEquals(small().p(), back.p());
    }

    @Test
    void nmnistBitLayoutIsThePublishedOne() throws IOException {
        // x=3, y=4, polarity 1, t = 0x012345
        Path f = Files.write(dir.resolve("one.bin"), new byte[] {3, 4, (byte) 0x81, 0x23, 0x45});
        EventStream e = NMnistFormat.read(f);
        assertEquals(3, e.x()[0]);
        assertEquals(4, e.y()[0]);
        assertEquals(1, e.p()[0]);
        assertEquals(0x012345, e.t()[0]);
    }

    @Test
    void truncatedNmnistNamesTheOffset() throws IOException {
        Path f = Files.write(dir.resolve("bad.bin"), new byte[] {3, 4, 1, 0, 0, 9, 9});
        DataFormatException e = assertThrows(DataFormatException.class, () -> NMnistFormat.read(f));
        assertTrue(e.getMessage().contains("bad.bin") && e.getMessage().contains("at byte 5"), e.getMessage());
        Path outside = Files.write(dir.resolve("out.bin"), new byte[] {40, 4, 1, 0, 0});
        assertTrue(assertThrows(DataFormatException.class, () -> NMnistFormat.read(outside)).getMessage()
                .contains("outside the 34x34"));
    }

    static byte[] aedat31(int overflow, int[][] events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("#!AER-DAT3.1\r\n#Format: RAW\r\n#Source 1: DVS128\r\n#!END-HEADER\r\n".getBytes(StandardCharsets.US_ASCII));
        // an IMU-like packet of another type, to be skipped
        ByteBuffer other = ByteBuffer.allocate(28 + 4).order(ByteOrder.LITTLE_ENDIAN);
        other.putShort((short) 2).putShort((short) 1).putInt(4).putInt(4).putInt(0).putInt(1).putInt(1).putInt(1).putInt(7);
        out.write(other.array());
        ByteBuffer pk = ByteBuffer.allocate(28 + 8 * events.length).order(ByteOrder.LITTLE_ENDIAN);
        pk.putShort((short) 1).putShort((short) 1).putInt(8).putInt(4).putInt(overflow).putInt(events.length)
                .putInt(events.length).putInt(events.length);
        for (int[] e : events) { // x, y, polarity, valid, t
            pk.putInt((e[0] << 17) | (e[1] << 2) | (e[2] << 1) | e[3]).putInt(e[4]);
        }
        out.write(pk.array());
        return out.toByteArray();
    }

    @Test
    void aedat31PolarityPacketsAreDecodedAndOthersSkipped() throws IOException {
        Path f = Files.write(dir.resolve("user01_led.aedat"), aedat31(1, new int[][] {
                {127, 0, 1, 1, 500}, {3, 100, 0, 1, 100}, {9, 9, 1, 0, 300}}));
        EventStream e = Aedat31Reader.read(f);
        assertEquals(2, e.size(), "the invalid event is dropped");
        assertArrayEquals(new int[] {3, 127}, e.x());
        assertArrayEquals(new int[] {100, 0}, e.y());
        assertArrayEquals(new byte[] {0, 1}, e.p());
        assertEquals((1L << 31) | 100, e.t()[0], "timestamp extended by the packet's overflow");
    }

    @Test
    void gesturesAreCutByTheLabelsFile() throws IOException {
        Path f = Files.write(dir.resolve("user01_led.aedat"), aedat31(0, new int[][] {
                {1, 1, 1, 1, 100}, {2, 2, 1, 1, 200}, {3, 3, 0, 1, 900}}));
        Path labels = Files.writeString(dir.resolve("user01_led_labels.csv"),
                "class,startTime_usec,endTime_usec\n4,50,250\n11,800,1000\n");
        List<Aedat31Reader.Gesture> g = Aedat31Reader.gestures(f, labels);
        assertEquals(2, g.size());
        assertEquals(3, g.get(0).label());
        assertEquals(2, g.get(0).events().size());
        assertEquals(10, g.get(1).label());
        Path bad = Files.writeString(dir.resolve("bad.csv"), "class,startTime_usec,endTime_usec\n12,1,2\n");
        assertTrue(assertThrows(DataFormatException.class, () -> Aedat31Reader.gestures(f, bad)).getMessage()
                .contains("class 12"));
    }

    @Test
    void aedat31WithoutHeaderEndOrWithATruncatedPacketFails() throws IOException {
        Path noEnd = Files.write(dir.resolve("a.aedat"), "#!AER-DAT3.1\r\n#Format: RAW\r\n".getBytes());
        assertTrue(assertThrows(DataFormatException.class, () -> Aedat31Reader.read(noEnd)).getMessage()
                .contains("#!END-HEADER"));
        byte[] full = aedat31(0, new int[][] {{1, 1, 1, 1, 5}, {2, 2, 1, 1, 6}});
        Path cut = Files.write(dir.resolve("b.aedat"), java.util.Arrays.copyOf(full, full.length - 3));
        DataFormatException e = assertThrows(DataFormatException.class, () -> Aedat31Reader.read(cut));
        assertTrue(e.getMessage().contains("truncated packet") && e.getMessage().contains("at byte"), e.getMessage());
        Path v2 = Files.write(dir.resolve("c.aedat"), "#!AER-DAT2.0\r\n".getBytes());
        assertTrue(assertThrows(DataFormatException.class, () -> Aedat31Reader.read(v2)).getMessage()
                .contains("AER-DAT3"));
    }

    @Test
    void cifar10DvsAddressesAreDvs128() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write("#!AER-DAT2.0\r\n# This is a raw AE data file\r\n".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(16).order(ByteOrder.BIG_ENDIAN);
        data.putInt((5 << 8) | (9 << 1)).putInt(10);       // x 9, y 5, ON
        data.putInt((127 << 8) | (127 << 1) | 1).putInt(11); // x 127, y 127, OFF
        out.write(data.array());
        Path f = Files.write(dir.resolve("cifar10_airplane_0.aedat"), out.toByteArray());
        EventStream e = Cifar10DvsReader.read(f);
        assertArrayEquals(new int[] {9, 127}, e.x());
        assertArrayEquals(new int[] {5, 127}, e.y());
        assertArrayEquals(new byte[] {1, 0}, e.p());
        assertArrayEquals(new long[] {10, 11}, e.t());
        Path cut = Files.write(dir.resolve("cut.aedat"), java.util.Arrays.copyOf(out.toByteArray(), out.size() - 4));
        assertTrue(assertThrows(DataFormatException.class, () -> Cifar10DvsReader.read(cut)).getMessage()
                .contains("truncated event"));
    }

    @Test
    void dvsConverterEmitsOnAndOffEventsOnlyWhereThereIsContrast() {
        byte[] digit = new byte[28 * 28];
        for (int y = 8; y < 20; y++) {
            for (int x = 12; x < 16; x++) {
                digit[y * 28 + x] = (byte) 255; // a vertical bar
            }
        }
        EventStream e = DvsConverter.nmnistLike().convert(digit, 28);
        assertTrue(e.size() > 50, "events: " + e.size());
        int on = 0;
        for (byte p : e.p()) {
            on += p;
        }
        assertTrue(on > 0 && on < e.size(), "both polarities");
        assertTrue(e.t()[e.size() - 1] <= 300_000);
        assertEquals(0, DvsConverter.nmnistLike().convert(new byte[28 * 28], 28).size(), "a blank image is silent");
        EventStream again = DvsConverter.nmnistLike().convert(digit, 28);
        assertArrayEquals(e.t(), again.t(), "deterministic");
    }

    @Test
    void framingSplitsByNumberAndByTime() {
        EventStream e = new EventStream(2, 1, new int[] {0, 1, 0, 1, 0}, new int[] {0, 0, 0, 0, 0},
                new long[] {0, 1, 2, 3, 100}, new byte[] {1, 1, 0, 1, 1});
        float[] byNumber = Framing.frames(e, 2, Framing.Split.NUMBER); // [2 frames][2 pol][1][2]
        // frame 0: events 0,1 ; frame 1: events 2,3,4
        assertArrayEquals(new float[] {0, 0, 1, 1, 1, 0, 1, 1}, byNumber);
        float[] byTime = Framing.frames(e, 2, Framing.Split.TIME); // span 0..100: frame 0 [0,50), frame 1 [50,101)
        assertArrayEquals(new float[] {1, 0, 1, 2, 0, 0, 1, 0}, byTime);
        assertThrows(IllegalArgumentException.class, () -> Framing.frames(e, 0, Framing.Split.TIME));
    }
}
