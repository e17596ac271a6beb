package io.github.abasnn.golden;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A golden-vector file in the {@code aba-snn-golden/1} format (shared/spec/golden.md): reference inputs, outputs and
 * gradients computed in float64 by the authors' release.
 */
public record GoldenFile(Path path, long seed, List<GoldenCase> cases) {
    public static final String FORMAT = "aba-snn-golden/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads and validates one file. */
    public static GoldenFile read(Path path) {
        JsonNode root;
        try {
            root = JSON.readTree(path.toFile());
        } catch (IOException e) {
            throw new GoldenFormatException(path + ": not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new GoldenFormatException(path + ": top level must be a JSON object");
        }
        JsonNode format = root.get("format");
        if (format == null || !FORMAT.equals(format.asText(null))) {
            throw new GoldenFormatException(path + ": 'format' must be \"" + FORMAT + "\", got " + format);
        }
        JsonNode casesNode = root.get("cases");
        if (casesNode == null || !casesNode.isArray()) {
            throw new GoldenFormatException(path + ": 'cases' missing or not a list");
        }
        List<GoldenCase> cases = new ArrayList<>(casesNode.size());
        for (int i = 0; i < casesNode.size(); i++) {
            JsonNode c = casesNode.get(i);
            if (!c.isObject()) {
                throw new GoldenFormatException(path + ": case " + i + " is not an object");
            }
            cases.add(new GoldenCase(path, i, c));
        }
        return new GoldenFile(path, root.path("seed").asLong(-1), List.copyOf(cases));
    }

    /** Every {@code golden-*.json} in {@code dir}, sorted by name; fails when there is none. */
    public static List<Path> find(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new GoldenFormatException("golden directory " + dir.toAbsolutePath() + " does not exist");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "golden-*.json")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new GoldenFormatException("cannot list golden directory " + dir + ": " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new GoldenFormatException("no golden-*.json files in " + dir.toAbsolutePath());
        }
        files.sort(null);
        return files;
    }
}
