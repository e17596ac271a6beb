package io.github.abasnn.storage;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * A dataset directory given as a Hadoop URI, made readable by the trainer's {@code java.nio} readers: every file
 * under it is copied into {@code <java.io.tmpdir>/abasnn-data/<key>/} once per JVM (the copy lands under a
 * temporary name and is renamed when complete, so a crashed copy is never used), the key hashing the URI and each
 * file's path, length and modification time — a changed dataset gets a fresh copy. Plain paths and {@code file:}
 * URIs are used in place.
 */
public final class HadoopData {
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    private static final Map<String, Path> LOCALIZED = new ConcurrentHashMap<>();

    private HadoopData() {}

    /** Whether {@code dir} names a Hadoop file system other than the local one. */
    public static boolean isRemote(String dir) {
        return dir != null && SCHEME.matcher(dir).matches() && !dir.startsWith("file:")
                && !(dir.length() > 1 && dir.charAt(1) == ':'); // not a Windows drive letter
    }

    /** The local directory to read {@code dir} from: itself, or its local copy when it is remote. */
    public static Path local(String dir) {
        if (dir.startsWith("file:")) {
            return Path.of(URI.create(dir));
        }
        if (!isRemote(dir)) {
            return Path.of(dir);
        }
        return LOCALIZED.computeIfAbsent(dir, HadoopData::copy);
    }

    /** Fails naming {@code dir} when it is not a readable directory (remote or local). */
    public static void requireDirectory(String dir, String what) {
        if (!isRemote(dir)) {
            Path p = local(dir);
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(what + " '" + dir + "' does not exist or is not a directory");
            }
            return;
        }
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(dir);
            FileSystem fs = p.getFileSystem(new Configuration());
            if (!fs.getFileStatus(p).isDirectory()) {
                throw new IllegalArgumentException(what + " '" + dir + "' is not a directory");
            }
            fs.listStatus(p); // readable, not only visible
        } catch (FileNotFoundException e) {
            throw new IllegalArgumentException(what + " '" + dir + "' does not exist", e);
        } catch (IOException | RuntimeException e) {
            if (e instanceof IllegalArgumentException iae && iae.getMessage().startsWith(what)) {
                throw iae;
            }
            throw new IllegalArgumentException(what + " '" + dir + "' cannot be read: " + e.getMessage(), e);
        }
    }

    private static Path copy(String dir) {
        requireDirectory(dir, "dataset directory");
        try {
            org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir);
            FileSystem fs = root.getFileSystem(new Configuration());
            org.apache.hadoop.fs.Path qualified = fs.makeQualified(root);
            List<LocatedFileStatus> files = new ArrayList<>();
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(qualified, true);
            while (it.hasNext()) {
                files.add(it.next());
            }
            files.sort(Comparator.comparing(f -> f.getPath().toString()));
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(qualified.toString().getBytes(StandardCharsets.UTF_8));
            for (LocatedFileStatus f : files) {
                md.update((relative(qualified, f) + "\u0000" + f.getLen() + "\u0000" + f.getModificationTime() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            String key = HexFormat.of().formatHex(md.digest()).substring(0, 20);
            Path cache = Path.of(System.getProperty("java.io.tmpdir"), "abasnn-data");
            Path target = cache.resolve(key);
            if (Files.isDirectory(target)) {
                return target; // copied before, by this or another JVM on this machine
            }
            Files.createDirectories(cache);
            Path tmp = Files.createTempDirectory(cache, key + ".partial-");
            for (LocatedFileStatus f : files) {
                Path local = tmp.resolve(relative(qualified, f));
                Files.createDirectories(local.getParent());
                try (var in = fs.open(f.getPath())) {
                    Files.copy(in, local, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException raced) { // another JVM finished the same copy first
                delete(tmp);
                if (!Files.isDirectory(target)) {
                    throw raced;
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy dataset directory '" + dir + "' to this machine: "
                    + e.getMessage(), e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String relative(org.apache.hadoop.fs.Path root, LocatedFileStatus f) {
        String r = root.toUri().getPath();
        String p = f.getPath().toUri().getPath();
        String rel = p.substring(r.length());
        return rel.startsWith("/") ? rel.substring(1) : rel;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
