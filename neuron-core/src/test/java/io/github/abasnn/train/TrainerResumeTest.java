package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.DataFormatException;
import io.github.abasnn.data.IdxFiles;
import io.github.abasnn.loss.BitTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer end to end on a small IDX dataset: outputs, checkpoints, and resume equal to an unbroken run. */
class TrainerResumeTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = tmp.resolve("toy");
        IdxFiles.writeToyDataset(data, 96, 40, 8, 4, 11);
    }

    static TrainConfig config(int epochs, Path out) {
        return TinyConfigs.resnet(data, out, epochs, 20, 3407);
    }

    @Test
    void resumedRunEqualsUninterruptedRun() throws Exception {
        TrainResult straight = new Trainer(config(2, tmp.resolve("straight")), false).run(false);

        Path out = tmp.resolve("broken");
        // a crash right after epoch 1's checkpoint, then the same command again with --resume
        RuntimeException crash = assertThrows(RuntimeException.class, () -> new Trainer(config(2, out), false)
                .onEpoch(m -> {
                    throw new RuntimeException("simulated crash after epoch " + m.epoch());
                }).run(false));
        assertTrue(crash.getMessage().contains("epoch 1"));
        assertTrue(!Files.exists(out.resolve("result.json")), "no result before the run finished");
        TrainResult resumed = new Trainer(config(2, out), false).run(true);

        assertEquals(straight.epochs().size(), resumed.epochs().size());
        assertEquals(straight.testAccuracy(), resumed.testAccuracy());
        assertEquals(straight.epochs().get(1).trainLoss(), resumed.epochs().get(1).trainLoss());
        ComputationGraph a = Checkpoints.load(tmp.resolve("straight")).graph();
        ComputationGraph b = Checkpoints.load(out).graph();
        assertEquals(a.params(), b.params());
        assertTrue(Files.exists(out.resolve("result.json")) && Files.exists(out.resolve("metrics.json")));
        String json = Files.readString(out.resolve("result.json"));
        assertTrue(json.contains("\"layers\"") && json.contains("\"bitBudget\"") && json.contains("\"spikeBits\""));

        String before = Files.readString(out.resolve("result.json"));
        IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(2, out), false).run(false));
        assertTrue(again.getMessage().contains("already holds a run"), again.getMessage());
        assertEquals(before, Files.readString(out.resolve("result.json")), "the finished run is untouched");
    }

    /** A run of {@code epochs} that crashes right after epoch {@code crashAfter}'s checkpoint. */
    static void crashAfter(Path out, int epochs, int crashAfter) {
        assertThrows(RuntimeException.class, () -> new Trainer(config(epochs, out), false).onEpoch(m -> {
            if (m.epoch() == crashAfter) {
                throw new RuntimeException("simulated crash");
            }
        }).run(false));
    }

    @Test
    void aTruncatedNewestCheckpointFallsBackToThePreviousGeneration() throws Exception {
        TrainResult straight = new Trainer(config(3, tmp.resolve("straight3")), false).run(false);
        Path out = tmp.resolve("truncated");
        crashAfter(out, 3, 2);
        assertTrue(Files.isRegularFile(out.resolve(Checkpoints.PREVIOUS)), "the generation before is kept");
        byte[] newest = Files.readAllBytes(out.resolve(Checkpoints.FILE));
        Files.write(out.resolve(Checkpoints.FILE), java.util.Arrays.copyOf(newest, newest.length / 3));
        Files.writeString(out.resolve("checkpoint.zip123.tmp"), "left by a killed write");

        TrainResult resumed = new Trainer(config(3, out), false).run(true); // from epoch 1's checkpoint
        assertEquals(straight.testAccuracy(), resumed.testAccuracy());
        assertEquals(straight.epochs().get(2).trainLoss(), resumed.epochs().get(2).trainLoss());
        assertTrue(!Files.exists(out.resolve("checkpoint.zip123.tmp")), "stale temporaries are removed");
        assertEquals("rw-r--r--", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(out.resolve("result.json"))));
    }

    @Test
    void unreadableCheckpointsAreNamedNotStackTraced() throws Exception {
        Path out = tmp.resolve("unreadable");
        crashAfter(out, 3, 2);
        Files.write(out.resolve(Checkpoints.FILE), new byte[0]);
        Files.writeString(out.resolve(Checkpoints.PREVIOUS), "not a zip");
        java.io.IOException e = assertThrows(java.io.IOException.class,
                () -> new Trainer(config(3, out), false).run(true));
        assertTrue(e.getMessage().contains(out.resolve(Checkpoints.FILE) + ": IOException: empty file"),
                e.getMessage());
        assertTrue(e.getMessage().contains(out.resolve(Checkpoints.PREVIOUS).toString()), e.getMessage());
    }

    @Test
    void resumeWithOtherOptionsIsRefusedNamingTheOption() throws Exception {
        Path out = tmp.resolve("other-options");
        crashAfter(out, 2, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(config(3, out), false).run(true));
        assertTrue(e.getMessage().contains("--epochs = 2, this run has 3"), e.getMessage());
    }

    @Test
    void aStoppingRuleEndsTheRunAfterTheEpochItFires() throws Exception {
        TrainResult r = new Trainer(config(3, tmp.resolve("stopped")), false)
                .stopWhen(epochs -> epochs.size() == 1).run(false);
        assertEquals(TrialStatus.STOPPED, r.status());
        assertEquals(1, r.epochs().size());
        assertTrue(Files.exists(tmp.resolve("stopped").resolve("result.json")));
    }

    @Test
    void missingDatasetIsNamedBeforeAnythingIsWritten() {
        Path out = tmp.resolve("nothing");
        TrainConfig bad = TinyConfigs.resnet(tmp.resolve("absent"), out, 1, 1, 1);
        DataFormatException e = assertThrows(DataFormatException.class, () -> new Trainer(bad, false).run(false));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
        assertTrue(!Files.exists(out));
    }

    @Test
    void unreachableTargetIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, 
                () -> new TrainConfig.Bits(4, 4, 2, false, BitTargets.parse("7/2/1"), null, 1, null, 0.04, 0));
        assertTrue(e.getMessage().contains("W = 7"), e.getMessage());
    }
}
