package io.github.abasnn.results.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One driver per sweep at a time: {@code <results>/_leases/<sweep>.lease}, created exclusively and renewed every
 * {@link #RENEW} while the sweep runs. A second driver of the same sweep waits up to its {@code wait} for the lease,
 * then refuses naming the holder; a lease not renewed for {@link #STALE} belongs to a dead driver and is taken over.
 */
public final class SweepLease implements AutoCloseable {
    /** How long a lease outlives its last renewal: 90 s, or {@code -Dabasnn.leaseStaleSeconds}. */
    public static final Duration STALE = Duration.ofSeconds(Long.getLong("abasnn.leaseStaleSeconds", 90));
    /** Several renewals fit in {@link #STALE}, so one missed renewal does not lose the lease. */
    public static final Duration RENEW = Duration.ofMillis(Math.max(1000, Math.min(15_000, STALE.toMillis() / 4)));

    private final FileSystem fs;
    private final Path file;
    private final String owner;
    private final ScheduledExecutorService renewer;

    private SweepLease(FileSystem fs, Path file, String owner) {
        this.fs = fs;
        this.file = file;
        this.owner = owner;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-lease " + file.getName());
            t.setDaemon(true);
            return t;
        });
        renewer.scheduleAtFixedRate(this::renew, RENEW.toMillis(), RENEW.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Takes the lease of {@code sweep} in the store at {@code base}, waiting at most {@code wait} for it. */
    public static SweepLease acquire(FileSystem fs, String base, String sweep, Duration wait) {
        Path file = new Path(base + "/_leases/" + sweep + ".lease");
        String owner = hostPid() + " " + UUID.randomUUID();
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            fs.mkdirs(file.getParent());
            while (true) {
                try (FSDataOutputStream out = fs.create(file, false)) {
                    out.write((owner + "\n" + java.time.Instant.now() + "\n").getBytes(StandardCharsets.UTF_8));
                    out.hsync();
                    return new SweepLease(fs, file, owner);
                } catch (FileAlreadyExistsException e) {
                    // held: below
                } catch (IOException e) {
                    if (!fs.exists(file)) {
                        throw e;
                    }
                }
                long age;
                String holder;
                try {
                    age = System.currentTimeMillis() - fs.getFileStatus(file).getModificationTime();
                    holder = holder(fs, file);
                } catch (java.io.FileNotFoundException gone) {
                    continue; // released meanwhile: try again
                }
                if (age > STALE.toMillis()) {
                    fs.delete(file, false); // its driver stopped renewing it: dead
                    continue;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("sweep '" + sweep + "' is being run by another driver (" + holder
                            + ", lease " + file + " renewed " + age / 1000 + " s ago); wait for it to end, pass"
                            + " --lease-wait, or remove the lease if that driver is gone (it expires "
                            + STALE.toSeconds() + " s after its last renewal)");
                }
                Thread.sleep(2000);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot take the lease " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the lease " + file, e);
        }
    }

    private void renew() {
        try {
            fs.setTimes(file, System.currentTimeMillis(), -1);
        } catch (IOException | RuntimeException e) {
            // a missed renewal is retried at the next tick; STALE spans several
        }
    }

    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            if (fs.exists(file) && holder(fs, file).equals(owner)) {
                fs.delete(file, false);
            }
        } catch (IOException e) {
            // it expires on its own
        }
    }

    private static String holder(FileSystem fs, Path file) throws IOException {
        try (var in = fs.open(file)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl);
        }
    }

    private static String hostPid() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            host = "unknown-host";
        }
        return host + ":" + ProcessHandle.current().pid();
    }
}
