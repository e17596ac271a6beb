package io.github.abasnn.intmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.ImageBatches;
import io.github.abasnn.data.ImageSet;
import io.github.abasnn.train.BuildInfo;
import io.github.abasnn.train.Checkpoints;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * A trained run's network with what its export needs: the dataset it was trained on and that training split's
 * per-channel statistics (the network only ever saw standardised pixels).
 */
public record RunExport(ComputationGraph graph, String dataset, Path dataDir, float[] mean, float[] std,
                        int height, int width, Map<String, String> provenance) {
    /** The activation format's default fraction bits: thresholds and activations to within {@code 2^-20}. */
    public static final int DEFAULT_FRACTION_BITS = 20;

    /**
     * Loads {@code run}'s newest readable checkpoint.
     *
     * @param dataDir the dataset directory, or null for the one the run was trained from
     */
    public static RunExport load(Path run, Path dataDir) throws IOException {
        Checkpoints.Restored restored = Checkpoints.load(run);
        JsonNode config = runConfig(run, restored);
        String dataset = text(config, "dataset", restored.file());
        Path data = dataDir != null ? dataDir : path(text(config, "dataDir", restored.file()));
        int limit = config.path("trainLimit").asInt(0);
        ImageSet train = Datasets.train(dataset, data).head(limit);
        float[][] stats = ImageBatches.channelStats(train);
        Map<String, String> prov = new LinkedHashMap<>();
        prov.put("source", restored.file().toAbsolutePath().toString());
        prov.put("network", text(config, "network", restored.file()) + " width " + config.path("width").asInt());
        prov.put("dataset", dataset);
        prov.put("train_limit", String.valueOf(limit));
        prov.put("seed", config.path("seed").asText());
        prov.put("code_version", BuildInfo.current().describe());
        prov.put("created", java.time.Instant.now().toString());
        return new RunExport(restored.graph(), dataset, data, stats[0], stats[1], train.height(), train.width(), prov);
    }

    public IntModel export(int fractionBits) {
        return IntExporter.export(graph, height, width, mean, std, fractionBits, provenance);
    }

    /** The run's test split, its first {@code limit} images (0: all). */
    public ImageSet test(int limit) {
        return Datasets.test(dataset, dataDir).head(limit);
    }

    /** The run's options: stored in the checkpoint, or (older checkpoints) in the run's result.json. */
    private static JsonNode runConfig(Path run, Checkpoints.Restored restored) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode config = json.readTree(restored.stateJson()).path("config");
        Path result = run.resolve("result.json");
        if ((config.isMissingNode() || config.isNull()) && Files.isRegularFile(result)) {
            config = json.readTree(result.toFile()).path("config");
        }
        if (config.isMissingNode() || config.isNull()) {
            throw new IllegalArgumentException("checkpoint " + restored.file() + " stores no options and " + result
                    + " does not exist; export needs the run's dataset and training-split limit");
        }
        return io.github.abasnn.train.TrainConfig.flatten(config);
    }

    private static String text(JsonNode config, String field, Path file) {
        JsonNode v = config.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("checkpoint " + file + " stores no '" + field + "' in its options");
        }
        return v.asText();
    }

    private static Path path(String s) {
        return s.startsWith("file:") ? Path.of(URI.create(s)) : Path.of(s);
    }
}
