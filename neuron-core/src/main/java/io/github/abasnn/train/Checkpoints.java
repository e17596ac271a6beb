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
 * own state as JSON, in one DL4J model zip written to a temporary file and moved into place, so a crash leaves either
 * the previous checkpoint or the new one, never half of one.
 */
public final class Checkpoints {
    public static final String FILE = "checkpoint.zip";
    private static final String STATE_KEY = "trainer-state";
    /** The one JSON mapping of the run files (indented: people read them). */
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoints() {}

    public static Path path(Path dir) {
        return dir.resolve(FILE);
    }

    public static boolean exists(Path dir) {
        return Files.isRegularFile(path(dir));
    }

    public static void save(Path dir, ComputationGraph graph, String stateJson) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, FILE, ".tmp");
        try {
            ModelSerializer.writeModel(graph, tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), STATE_KEY, stateJson);
            moveAtomically(tmp, path(dir));
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The restored network and the trainer state JSON. */
    public record Restored(ComputationGraph graph, String stateJson) {}

    public static Restored load(Path dir) throws IOException {
        File f = path(dir).toFile();
        ComputationGraph graph = ModelSerializer.restoreComputationGraph(f, true);
        String state = ModelSerializer.getObjectFromFile(f, STATE_KEY);
        if (state == null) {
            throw new IOException(f + ": checkpoint has no " + STATE_KEY + " entry");
        }
        return new Restored(graph, state);
    }

    /** Writes {@code text} to {@code target} through a temporary file and an atomic move. */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
        try {
            Files.writeString(tmp, text);
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
