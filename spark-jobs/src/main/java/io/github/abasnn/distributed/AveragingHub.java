package io.github.abasnn.distributed;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver's end of one epoch of parameter averaging: the epoch's workers connect to it, and every round it reads
 * each worker's vector, averages them in partition order (so every worker receives the same bits) and sends the mean
 * back. A round costs two transfers of the vector per worker and no Spark job; Spark's own barrier all-gather polls
 * once a second, which would cost a second a round. A random token keeps other clients out; a higher stage attempt
 * (Spark re-ran the barrier stage after a failure) replaces the connections of the lower.
 */
final class AveragingHub implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(AveragingHub.class);

    private final ServerSocket server;
    private final int workers;
    private final int frequency;
    private final long token = new SecureRandom().nextLong();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param bindHost  the address to listen on (the driver's bind address)
     * @param port      0 for any free port
     * @param frequency local steps between two averagings
     */
    AveragingHub(String bindHost, int port, int workers, int frequency) throws IOException {
        this.workers = workers;
        this.frequency = frequency;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(bindHost, port));
        server.setSoTimeout(AveragingWire.SLICE_MS);
        thread = new Thread(this::serve, "averaging-hub");
        thread.setDaemon(true);
        thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long token() {
        return token;
    }

    private void serve() {
        while (!closed) {
            Socket[] conns = new Socket[workers];
            try {
                int[] batches = new int[workers];
                InputStream[] in = new InputStream[workers];
                DataOutputStream[] out = new DataOutputStream[workers];
                int attempt = -1;
                int joined = 0;
                while (joined < workers) {
                    Socket s = accept();
                    if (s == null) {
                        return; // closed
                    }
                    InputStream i = new BufferedInputStream(s.getInputStream(), 1 << 16);
                    AveragingWire.Hello h;
                    long deadline = System.nanoTime() + 10_000_000_000L;
                    try { // a client that says nothing for 10 s is dropped
                        h = AveragingWire.readHello(i, () -> closed || System.nanoTime() > deadline);
                    } catch (IOException e) {
                        s.close();
                        continue;
                    }
                    if (h.token() != token || h.partition() < 0 || h.partition() >= workers || h.attempt() < attempt) {
                        s.close(); // a stranger, or a task of an attempt Spark already gave up
                        continue;
                    }
                    if (h.attempt() > attempt) { // Spark re-ran the stage: forget the earlier attempt's workers
                        closeAll(conns);
                        conns = new Socket[workers];
                        joined = 0;
                        attempt = h.attempt();
                    }
                    if (conns[h.partition()] == null) {
                        joined++;
                    } else {
                        conns[h.partition()].close();
                    }
                    conns[h.partition()] = s;
                    in[h.partition()] = i;
                    out[h.partition()] = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16));
                    batches[h.partition()] = h.batches();
                }
                int max = java.util.Arrays.stream(batches).max().orElse(0);
                int rounds = (max + frequency - 1) / frequency;
                for (DataOutputStream o : out) {
                    AveragingWire.writeInt(o, rounds);
                }
                int length = -1;
                for (int r = 0; r < rounds; r++) {
                    AveragingWire.Vector[] got = new AveragingWire.Vector[workers];
                    for (int p = 0; p < workers; p++) { // the first vector of the epoch sets the length
                        got[p] = AveragingWire.readVector(in[p], length, () -> closed);
                        length = got[p].values().length;
                    }
                    byte[] mean = AveragingWire.encodeVector(true, mean(got)); // once for every worker
                    for (DataOutputStream o : out) {
                        AveragingWire.writeEncoded(o, mean);
                    }
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("averaging round abandoned (the fitter re-runs the epoch if a worker failed): {}",
                            e.toString());
                }
            } finally {
                closeAll(conns);
            }
        }
    }

    /** The mean of the vectors of the workers that trained; the first's when none did (they are equal then). */
    static float[] mean(AveragingWire.Vector[] got) {
        int n = got[0].values().length;
        double[] sum = new double[n];
        int count = 0;
        for (AveragingWire.Vector v : got) {
            if (v.counts()) {
                float[] x = v.values();
                for (int i = 0; i < n; i++) {
                    sum[i] += x[i];
                }
                count++;
            }
        }
        if (count == 0) {
            return got[0].values();
        }
        float[] mean = new float[n];
        for (int i = 0; i < n; i++) {
            mean[i] = (float) (sum[i] / count);
        }
        return mean;
    }

    private Socket accept() throws IOException {
        while (!closed) {
            try {
                Socket s = server.accept();
                s.setSoTimeout(AveragingWire.SLICE_MS);
                s.setTcpNoDelay(true);
                return s;
            } catch (SocketTimeoutException e) {
                // look at the closed flag again
            }
        }
        return null;
    }

    private static void closeAll(Socket[] conns) {
        for (Socket s : conns) {
            if (s != null) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
