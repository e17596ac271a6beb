package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.Batches;
import io.github.abasnn.data.DataFormatException;
import io.github.abasnn.data.IdxFiles;
import io.github.abasnn.data.events.ToyEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which splits a run reads, and how the limits cut them. */
class TrainingDataTest {
    @TempDir
    Path tmp;

    private static TrainConfig config(String dataset, Path dir, String... more) {
        String[] base = {"--network", "resnet20", "--width", "2", "--dataset", dataset, "--data-dir", dir.toString(),
                "--batch", "10", "--out", dir.resolveSibling("out").toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return TrainCli.parse(args);
    }

    @Test
    void trainingBatchesNeverReadTheTestSplit() throws Exception {
        Path idx = tmp.resolve("fm");
        IdxFiles.writeToyDataset(idx, 40, 20, 8, 4, 1);
        Files.delete(idx.resolve("t10k-images-idx3-ubyte.gz"));

        Batches train = TrainingData.trainBatches(config("fashion-mnist", idx));
        assertEquals(4, train.batchesPerEpoch());
        assertEquals(10, train.batchAt(0, 3).numExamples());

        DataFormatException e = assertThrows(DataFormatException.class,
                () -> TrainingData.load(config("fashion-mnist", idx)));
        assertTrue(e.getMessage().contains("t10k-images-idx3-ubyte"), e.getMessage());
    }

    @Test
    void trainingLimitLeavesTheEventTestSplitWhole() throws Exception {
        Path events = ToyEvents.writeNMnist(tmp);

        TrainingData whole = TrainingData.load(config("nmnist", events, "--frames", "2", "--train-limit", "10"));
        assertEquals(10, whole.trainSize());
        assertEquals(20, whole.test().batchAt(0, 0).numExamples(), "all 20 test recordings (one batch of <= 100)");

        TrainingData cut = TrainingData.load(config("nmnist", events, "--frames", "2", "--train-limit", "10",
                "--test-limit", "5"));
        assertEquals(5, cut.test().batchAt(0, 0).numExamples());
    }
}
