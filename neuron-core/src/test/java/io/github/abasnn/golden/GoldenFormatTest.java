package io.github.abasnn.golden;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed golden files fail loudly, naming the file and the key. */
class GoldenFormatTest {
    @TempDir
    Path dir;

    private static final String WQ = "{\"kind\":\"weight_quant\",\"params\":{\"bit_hat\":3.2,\"bit_bound\":6,\"bit_used\":3},"
            + "\"inputs\":{\"w\":{\"shape\":[2],\"data\":[0.1,-0.2]},\"step\":{\"shape\":[1,1],\"data\":[0.05]},"
            + "\"grad_out\":{\"shape\":[2],\"data\":[1,1]}},"
            + "\"outputs\":{\"wq\":{\"shape\":[2],\"data\":[0.1,-0.15]},\"grad_w\":{\"shape\":[2],\"data\":[1,0]},"
            + "\"grad_step\":{\"shape\":[1,1],\"data\":[0]},\"grad_bit\":{\"shape\":[1,1],\"data\":[0]}}}";

    private GoldenFormatException failure(String json) throws IOException {
        Path file = Files.writeString(dir.resolve("golden-bad.json"), json);
        return assertThrows(GoldenFormatException.class, () -> {
            for (GoldenCase c : GoldenFile.read(file).cases()) {
                GoldenRunner.run(c);
            }
        });
    }

    private static void mentions(Exception e, String... parts) {
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
        }
    }

    @Test
    void notJson() throws IOException {
        mentions(failure("{\"format\": "), "golden-bad.json", "not valid JSON");
    }

    @Test
    void wrongFormatTag() throws IOException {
        mentions(failure("{\"format\":\"other/2\",\"cases\":[]}"), "golden-bad.json", "'format'", "other/2");
    }

    @Test
    void unknownKindFails() throws IOException {
        mentions(failure("{\"format\":\"aba-snn-golden/1\",\"cases\":[" + WQ.replace("weight_quant", "conv_quant") + "]}"),
                "unknown kind 'conv_quant'");
    }

    @Test
    void shapeThatDisagreesWithData() throws IOException {
        mentions(failure("{\"format\":\"aba-snn-golden/1\",\"cases\":[" + WQ.replace("\"shape\":[2],\"data\":[0.1,-0.2]",
                "\"shape\":[3],\"data\":[0.1,-0.2]") + "]}"), "case 0", "inputs.w", "holds 3 values but data has 2");
    }

    @Test
    void missingParameter() throws IOException {
        mentions(failure("{\"format\":\"aba-snn-golden/1\",\"cases\":[" + WQ.replace("\"bit_hat\":3.2,", "") + "]}"),
                "'params.bit_hat' missing");
    }

    @Test
    void nonNumericValue() throws IOException {
        mentions(failure("{\"format\":\"aba-snn-golden/1\",\"cases\":[" + WQ.replace("[0.1,-0.2]", "[0.1,\"x\"]") + "]}"),
                "inputs.w.data[1]", "not a number");
    }

    @Test
    void emptyDirectory() {
        GoldenFormatException e = assertThrows(GoldenFormatException.class, () -> GoldenFile.find(dir));
        mentions(e, "no golden-*.json");
    }

    @Test
    void aWellFormedFileDroppedInIsRead() throws IOException {
        Files.writeString(dir.resolve("golden-7.json"), "{\"format\":\"aba-snn-golden/1\",\"seed\":7,\"cases\":[" + WQ + "]}");
        GoldenFile f = GoldenFile.read(GoldenFile.find(dir).get(0));
        assertTrue(f.seed() == 7 && f.cases().size() == 1);
    }
}
