package io.github.abasnn.results.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Trial rows whose commit to the result tables failed (the store unreachable, a file system error), kept on the
 * driver's disk so that hours of training are not lost: {@code <root>/<store hash>/<sweep>/<trial>.rows}, written
 * atomically and synced. The next run of the sweep against the same store commits them before it trains anything.
 * The root is {@code -Dabasnn.spool} or {@code ~/.cache/abasnn/spool}.
 */
public final class CommitSpool {
    private static final String SUFFIX = ".rows";
    private final Path dir;

    private CommitSpool(Path dir) {
        this.dir = dir;
    }

    /** The spool of {@code sweep} in the store at {@code results}, under {@code root}. */
    public static CommitSpool of(Path root, String results, String sweep) {
        return new CommitSpool(root.resolve(storeKey(results)).resolve(sweep));
    }

    /** The spool root this JVM uses. */
    public static Path defaultRoot() {
        String p = System.getProperty("abasnn.spool");
        return p != null ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "abasnn", "spool");
    }

    public Path dir() {
        return dir;
    }

    /** Keeps {@code rows} until {@link #pending()} hands them back; returns the file. */
    public Path keep(TrialRows rows) {
        Path file = dir.resolve(rows.trialId() + SUFFIX);
        Path tmp = dir.resolve("." + rows.trialId() + SUFFIX + ".tmp");
        try {
            Files.createDirectories(dir);
            try (OutputStream o = Files.newOutputStream(tmp); ObjectOutputStream out = new ObjectOutputStream(o)) {
                out.writeObject(rows);
            }
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the rows of trial " + rows.trialId() + " in " + dir, e);
        }
    }

    /** One kept trial: its file (deleted by {@link #done}) and rows. */
    public record Spooled(Path file, TrialRows rows) {}

    /**
     * The rows kept for this sweep, oldest first. A file that cannot be read (a disk error, another build's
     * classes) fails naming it: it holds a trained trial, so it is neither skipped nor deleted.
     */
    public List<Spooled> pending() {
        List<Spooled> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.getFileName().toString()
                    .startsWith(".")).sorted(java.util.Comparator.comparing(CommitSpool::modified)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the commit spool " + dir, e);
        }
        for (Path f : files) {
            try (InputStream i = Files.newInputStream(f); ObjectInputStream in = new ObjectInputStream(i)) {
                out.add(new Spooled(f, (TrialRows) in.readObject()));
            } catch (IOException | ClassNotFoundException | ClassCastException e) {
                throw new IllegalStateException("spooled trial rows " + f + " cannot be read (" + e + "); move it"
                        + " away to go on without that trial", e);
            }
        }
        return out;
    }

    /** Drops a kept trial once it is committed. */
    public void done(Spooled s) {
        try {
            Files.deleteIfExists(s.file());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete committed spool file " + s.file(), e);
        }
    }

    private static java.nio.file.attribute.FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return java.nio.file.attribute.FileTime.fromMillis(0);
        }
    }

    /** A short, file-name-safe key of the store's location. */
    static String storeKey(String results) {
        if (java.net.URI.create(results.replace(" ", "%20")).getScheme() == null) {
            results = Path.of(results).toAbsolutePath().normalize().toString(); // the same store from any directory
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(results.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
