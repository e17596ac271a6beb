package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.IdxFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointInspectorTest {
    @TempDir
    Path tmp;

    @Test
    void listsEveryQuantizedLayerOfATrainedRun() throws Exception {
        Path data = tmp.resolve("toy");
        IdxFiles.writeToyDataset(data, 64, 20, 8, 4, 2);
        Path out = tmp.resolve("run");
        new Trainer(TinyConfigs.resnet(data, out, 1, 20, 1), false).run(false);

        List<CheckpointInspector.Row> rows = CheckpointInspector.rows(Checkpoints.load(out).graph());
        assertEquals(22, rows.size(), "stem, 18 block convs, 2 downsamples, fc");
        CheckpointInspector.Row stem = rows.get(0);
        assertEquals("stem", stem.layer());
        assertEquals(8.0, stem.weightBitsHat(), "the first conv's bits are fixed");
        assertTrue(rows.stream().allMatch(r -> r.weightStep() > 0 && Double.isFinite(r.rmsOverStep())), rows::toString);
        assertTrue(rows.stream().skip(1).allMatch(r -> r.timeHat() > 0 && r.spikeStep0() > 0), rows::toString);

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        CheckpointInspector.print(rows, new PrintStream(text, true, StandardCharsets.UTF_8));
        String table = text.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("layer") && table.contains("rms/a") && table.lines().count() == 23, table);
    }

    @Test
    void missingCheckpointIsNamed() {
        IOException e = assertThrows(IOException.class,
                () -> CheckpointInspector.rows(tmp.resolve("none")));
        assertTrue(e.getMessage().contains("none") && e.getMessage().contains(Checkpoints.FILE), e.getMessage());
    }
}
