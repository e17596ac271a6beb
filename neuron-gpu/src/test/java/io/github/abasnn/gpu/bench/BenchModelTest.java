package io.github.abasnn.gpu.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.gpu.fixtures.BenchModelWriter;
import io.github.abasnn.plan.PlanSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench's network survives its file: plan, rules and every non-weight parameter exactly, the weights as their
 * spread, drawn again the same way for a seed; a file that is not one, or is cut short, is refused naming it.
 */
class BenchModelTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripKeepsEverythingButTheWeightsWhichAreDrawnAgain() throws IOException {
        BenchModel m = BenchModelWriter.model(4, 42);
        Path file = tmp.resolve("m.bin");
        m.write(file);
        BenchModel r = BenchModel.read(file);
        assertEquals(m.plan(), r.plan());
        assertEquals(m.rules(), r.rules());
        assertEquals(m.name(), r.name());
        assertArrayEquals(m.weightStd(), r.weightStd());
        float[] drawn = r.parameters(42);
        assertArrayEquals(drawn, r.parameters(42), "a seed draws the same weights");
        int weights = 0;
        for (int i = 0; i < r.plan().slices().size(); i++) {
            PlanSpec.Slice s = r.plan().slices().get(i);
            if (Double.isNaN(r.weightStd()[i])) {
                for (long k = s.offset(); k < s.offset() + s.length(); k++) {
                    assertEquals(m.params()[(int) k], drawn[(int) k], s.layer() + "/" + s.key());
                }
            } else {
                weights++;
                double sq = 0;
                for (long k = s.offset(); k < s.offset() + s.length(); k++) {
                    sq += (double) drawn[(int) k] * drawn[(int) k];
                }
                double std = Math.sqrt(sq / s.length());
                assertEquals(r.weightStd()[i], std, 0.35 * r.weightStd()[i] + 1e-6, s.layer());
            }
        }
        assertTrue(weights >= 20, "ResNet-20 has a weight tensor per quantized layer: " + weights);
        assertTrue(Files.size(file) < m.params().length * 4L, "weights are not stored");
    }

    @Test
    void aFileThatIsNotOneOrIsCutShortIsRefused() throws IOException {
        BenchModel m = BenchModelWriter.model(4, 42);
        Path file = tmp.resolve("m.bin");
        m.write(file);
        byte[] all = Files.readAllBytes(file);
        Path cut = tmp.resolve("cut.bin");
        try (var o = new java.util.zip.GZIPOutputStream(Files.newOutputStream(cut))) {
            byte[] raw = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(all)).readAllBytes();
            o.write(raw, 0, raw.length / 2);
        }
        IOException e = assertThrows(IOException.class, () -> BenchModel.read(cut));
        assertTrue(e.getMessage().contains("cut.bin"), e.getMessage());
        Path other = tmp.resolve("other.bin");
        try (var o = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(Files.newOutputStream(other)))) {
            o.writeUTF("SOMETHING-ELSE");
        }
        e = assertThrows(IOException.class, () -> BenchModel.read(other));
        assertTrue(e.getMessage().contains("not a bench model"), e.getMessage());
    }
}
