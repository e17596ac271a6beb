package io.github.abasnn.distributed;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.BooleanSupplier;

/**
 * The averaging protocol between the workers and the {@link AveragingHub}, over one TCP connection per worker.
 * A worker says hello (token, stage attempt, partition, its batch count) and hears the number of rounds; each round
 * it sends whether it trained and its vector, and receives the mean. Reads wait in one-second slices so that a
 * waiting side notices when it should give up (its task killed, the hub closed) instead of blocking for ever.
 */
final class AveragingWire {
    static final int SLICE_MS = 1000;

    private AveragingWire() {}

    record Hello(long token, int attempt, int partition, int batches) {}

    static void writeHello(DataOutputStream out, Hello h) throws IOException {
        out.writeLong(h.token());
        out.writeInt(h.attempt());
        out.writeInt(h.partition());
        out.writeInt(h.batches());
        out.flush();
    }

    static Hello readHello(InputStream in, BooleanSupplier stop) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(readFully(in, 20, stop));
        return new Hello(b.getLong(), b.getInt(), b.getInt(), b.getInt());
    }

    static void writeInt(DataOutputStream out, int v) throws IOException {
        out.writeInt(v);
        out.flush();
    }

    static int readInt(InputStream in, BooleanSupplier stop) throws IOException {
        return ByteBuffer.wrap(readFully(in, 4, stop)).getInt();
    }

    /** A vector with a flag: whether the sender trained this round (it counts in the mean only then). */
    static void writeVector(DataOutputStream out, boolean counts, float[] v) throws IOException {
        writeEncoded(out, encodeVector(counts, v));
    }

    /** {@link #writeVector}'s bytes, for a sender that sends one vector to many. */
    static byte[] encodeVector(boolean counts, float[] v) {
        ByteBuffer b = ByteBuffer.allocate(5 + v.length * Float.BYTES);
        b.put((byte) (counts ? 1 : 0)).putInt(v.length);
        b.order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(v);
        return b.array();
    }

    static void writeEncoded(DataOutputStream out, byte[] encoded) throws IOException {
        out.write(encoded);
        out.flush();
    }

    record Vector(boolean counts, float[] values) {}

    /** @param expectedLength the length the vector must have, or -1 for any */
    static Vector readVector(InputStream in, int expectedLength, BooleanSupplier stop) throws IOException {
        ByteBuffer head = ByteBuffer.wrap(readFully(in, 5, stop));
        boolean counts = head.get() == 1;
        int n = head.getInt();
        if (expectedLength >= 0 && n != expectedLength) {
            throw new IOException("a worker sent " + n + " values where " + expectedLength
                    + " were expected: the workers' networks differ");
        }
        float[] v = new float[n];
        ByteBuffer.wrap(readFully(in, n * Float.BYTES, stop)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return new Vector(counts, v);
    }

    /** Reads exactly {@code n} bytes, waiting in slices (the socket's timeout) until {@code stop} says to give up. */
    static byte[] readFully(InputStream in, int n, BooleanSupplier stop) throws IOException {
        byte[] buf = new byte[n];
        int off = 0;
        while (off < n) {
            try {
                int r = in.read(buf, off, n - off);
                if (r < 0) {
                    throw new java.io.EOFException("the averaging connection closed after " + off + " of " + n
                            + " bytes");
                }
                off += r;
            } catch (SocketTimeoutException e) {
                if (stop.getAsBoolean()) {
                    throw new IOException("gave up waiting on the averaging connection", e);
                }
            }
        }
        return buf;
    }

}
