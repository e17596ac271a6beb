package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.IdxFiles;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.renewal.RenewalPolicy;
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
        new Trainer(TrainConfig.images("resnet20", 2, "fashion-mnist", data, 4, 4, 2, BitTargets.parse("2/2/1"), null,
                20, false, 1, 32, 0.05, 0.1, 0.01, 0.9, 1e-4, RenewalPolicy.ACTIVATION, Firing.ROUND, 1, 1, true, 0, 0,
                1, out), false).run(false);

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
