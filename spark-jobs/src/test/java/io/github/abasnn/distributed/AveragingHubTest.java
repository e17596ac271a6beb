package io.github.abasnn.distributed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The driver's averaging hub, spoken to over real sockets by stand-in workers. */
class AveragingHubTest {

    /** A stand-in worker: connects, says hello, and answers the rounds with the vectors given. */
    private static final class Worker implements AutoCloseable {
        final Socket socket;
        final DataOutputStream out;
        final InputStream in;

        Worker(AveragingHub hub, long token, int attempt, int partition, int batches) throws IOException {
            socket = new Socket("127.0.0.1", hub.port());
            socket.setSoTimeout(AveragingWire.SLICE_MS);
            out = new DataOutputStream(socket.getOutputStream());
            in = new BufferedInputStream(socket.getInputStream());
            AveragingWire.writeHello(out, new AveragingWire.Hello(token, attempt, partition, batches));
        }

        int rounds() throws IOException {
            return AveragingWire.readInt(in, () -> false);
        }

        float[] exchange(boolean trained, float... v) throws IOException {
            AveragingWire.writeVector(out, trained, v);
            return AveragingWire.readVector(in, v.length, () -> false).values();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    @Test
    void everyWorkerReceivesTheMeanOfThoseThatTrained() throws Exception {
        try (AveragingHub hub = new AveragingHub("127.0.0.1", 0, 3, 2);
             Worker a = new Worker(hub, hub.token(), 0, 0, 3);
             Worker b = new Worker(hub, hub.token(), 0, 1, 3);
             Worker c = new Worker(hub, hub.token(), 0, 2, 2)) {
            assertEquals(2, a.rounds(), "3 batches at 2 a round");
            assertEquals(2, b.rounds());
            assertEquals(2, c.rounds());
            CompletableFuture<float[]> fa = CompletableFuture.supplyAsync(() -> call(() -> a.exchange(true, 1f, 10f)));
            CompletableFuture<float[]> fb = CompletableFuture.supplyAsync(() -> call(() -> b.exchange(true, 2f, 20f)));
            float[] fc = c.exchange(true, 6f, 30f);
            assertArrayEquals(new float[] {3f, 20f}, fc);
            assertArrayEquals(fc, fa.get());
            assertArrayEquals(fc, fb.get());
            // round 2: c has no batch left, so it does not count
            fa = CompletableFuture.supplyAsync(() -> call(() -> a.exchange(true, 1f, 1f)));
            fb = CompletableFuture.supplyAsync(() -> call(() -> b.exchange(true, 3f, 3f)));
            assertArrayEquals(new float[] {2f, 2f}, c.exchange(false, 100f, 100f));
            assertArrayEquals(new float[] {2f, 2f}, fa.get());
        }
    }

    @Test
    void aWrongTokenIsTurnedAwayAndALaterAttemptReplacesAnEarlierOne() throws Exception {
        try (AveragingHub hub = new AveragingHub("127.0.0.1", 0, 2, 1);
             Worker stranger = new Worker(hub, hub.token() + 1, 0, 0, 1);
             Worker stale = new Worker(hub, hub.token(), 0, 0, 1)) {
            assertThrows(IOException.class, stranger::rounds, "the hub closes a stranger's connection");
            try (Worker a = new Worker(hub, hub.token(), 1, 0, 1);
                 Worker b = new Worker(hub, hub.token(), 1, 1, 1)) {
                assertThrows(IOException.class, stale::rounds, "attempt 1 replaced attempt 0");
                assertEquals(1, a.rounds());
                assertEquals(1, b.rounds());
                CompletableFuture<float[]> fa = CompletableFuture.supplyAsync(() -> call(() -> a.exchange(true, 1f)));
                assertArrayEquals(new float[] {2f}, b.exchange(true, 3f));
                assertArrayEquals(new float[] {2f}, fa.get());
            }
        }
    }

    private interface IoCall<T> {
        T get() throws IOException;
    }

    private static <T> T call(IoCall<T> c) {
        try {
            return c.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
