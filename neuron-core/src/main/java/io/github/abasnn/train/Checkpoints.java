package io.github.abasnn.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.File;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Atomic checkpoints: the network (parameters, renewal state, updater state, iteration count) and the trainer's
 * own state as JSON, in one DL4J model zip written to a temporary file, forced to disk and moved into place, so a
 * crash leaves either the previous checkpoint or the new one, never half of one. The generation before the newest is
 * kept ({@link #PREVIOUS}) and used when the newest cannot be read (a disk that lost the last write).
 */
public final class Checkpoints {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Checkpoints.class);
    public static final String FILE = "checkpoint.zip";
    public static final String PREVIOUS = "checkpoint.prev.zip";
    private static final String STATE_KEY = "trainer-state";
    /** The one JSON mapping of the run files (indented: people read them). */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {}

    public static Path path(Path dir) {
        return dir.resolve(FILE);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(path(dir)) || Files.isRegularFile(dir.resolve(PREVIOUS));
    }

    public static void save(Path dir, ComputationGraph graph, String stateJson) throws IOException {
        Files.createDirectories(dir);
        removeStaleTemporaries(dir);
        Path tmp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), STATE_KEY, stateJson);
            force(tmp);
            readable(tmp);
            if (Files.isRegularFile(path(dir))) {
                moveAtomically(path(dir), dir.resolve(PREVIOUS));
            }
            moveAtomically(tmp, path(dir));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The restored network and the trainer state JSON, and the file they came from. */
    public record Restored(ComputationGraph graph, String stateJson, Path file) {}

    /**
     * The newest readable checkpoint of {@code dir}: {@link #FILE}, else {@link #PREVIOUS} (logged); when neither can
     * be read, an {@link IOException} that names both files and why.
     */
    public static Restored load(Path dir) throws IOException {
        StringBuilder why = new StringBuilder();
        for (Path f : new Path[] {path(dir), dir.resolve(PREVIOUS)}) {
            if (!Files.isRegularFile(f)) {
                why.append(why.length() > 0 ? "; " : "").append(f).append(": missing");
                continue;
            }
            try {
                Restored r = read(f);
                if (why.length() > 0) {
                    LOG.warn("resuming from the previous checkpoint {} ({})", f, why);
                }
                return r;
            } catch (IOException | RuntimeException e) {
                why.append(why.length() > 0 ? "; " : "").append(f).append(": ").append(rootMessage(e));
            }
        }
        throw new IOException("no readable checkpoint in " + dir + " (" + why + ")");
    }

    private static Restored read(Path f) throws IOException {
        if (Files.size(f) == 0) {
            throw new IOException("empty file");
        }
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(f.toFile(), true);
        String state = ModelSerializer.getObjectFromFile(f.toFile(), STATE_KEY);
        if (state == null) {
            throw new IOException("no " + STATE_KEY + " entry");
        }
        return new Restored(graph, state, f);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /** Temporary files of writes a kill interrupted ({@code checkpoint.zip*.tmp}, {@code *.json*.tmp}). */
    static void removeStaleTemporaries(Path dir) throws IOException {
        try (var files = Files.newDirectoryStream(dir, "*.tmp")) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        }
    }

    private static void force(Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Temporary files are created owner-only; run files are for everyone who can read the directory. */
    private static void readable(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its defaults apply
        }
    }

    /** Writes {@code text} to {@code target} through a temporary file and an atomic move. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text);
            force(tmp);
            readable(tmp);
            moveAtomically(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code value} as indented JSON to {@code target}, atomically. */
    public static void writeJsonAtomically(Path target, Object value) throws IOException {
        writeAtomically(target, JSON.writeValueAsString(value));
    }

    private static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
