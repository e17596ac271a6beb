package io.github.abasnn.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A fingerprint of a dataset directory for provenance: SHA-256 over every regular file's relative path, size and
 * content, in path order (links followed). Files over {@link #WHOLE_LIMIT} contribute their first and last
 * {@link #EDGE} bytes instead of all of them, so an ImageNet-sized tree is fingerprinted in seconds. Cached per
 * directory for the life of the JVM.
 */
public final class DataChecksum {
    static final long WHOLE_LIMIT = 256L << 20;
    static final int EDGE = 16 << 20;
    private static final Map<Path, String> CACHE = new ConcurrentHashMap<>();

    private DataChecksum() {}

    /** {@code sha256:<hex>} of {@code dir} (or of the single file it names). */
    public static String of(Path dir) {
        return CACHE.computeIfAbsent(dir.toAbsolutePath().normalize(), DataChecksum::compute);
    }

    private static String compute(Path dir) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir, java.nio.file.FileVisitOption.FOLLOW_LINKS)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            byte[] buf = new byte[1 << 16];
            for (Path f : files) {
                long size = Files.size(f);
                md.update((dir.relativize(f) + "\0" + size + "\0").getBytes(StandardCharsets.UTF_8));
                if (size <= WHOLE_LIMIT) {
                    try (InputStream in = Files.newInputStream(f)) {
                        for (int n; (n = in.read(buf)) > 0; ) {
                            md.update(buf, 0, n);
                        }
                    }
                } else {
                    try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
                        for (long pos : new long[] {0, size - EDGE}) {
                            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(EDGE);
                            while (b.hasRemaining() && ch.read(b, pos + b.position()) > 0) {
                                // read until the edge is full
                            }
                            b.flip();
                            md.update(b);
                        }
                    }
                }
            }
            return "sha256:" + HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot checksum dataset " + dir, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
