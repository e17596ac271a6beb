package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.DataFormatException;
import io.github.abasnn.data.events.ToyEvents;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.renewal.RenewalPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event path end to end: IDX images -> DVS conversion -> N-MNIST files -> frames -> VGG-SNN training. */
class EventTrainingTest {
    @TempDir
    Path tmp;

    @Test
    void trainsVggSnnOnConvertedDigits() throws Exception {
        Path events = ToyEvents.writeNMnist(tmp);
        TrainConfig cfg = new TrainConfig("vgg-snn", 2, "nmnist", events, 4, 4, 2, BitTargets.parse("2/2/1"), null, 1,
                false, 1, 10, 0.05, 0.1, 0.01, 0.9, 1e-4, RenewalPolicy.ACTIVATION, Firing.ROUND, 1, 1, false, 0, 0, 1,
                tmp.resolve("out"), 3, "time", 1, TrainConfig.DEFAULT_CALIBRATION_BATCHES, null, 0, -1, null,
                TrainConfig.DEFAULT_COST_PENALTY);
        TrainResult r = new Trainer(cfg, false).run(false);
        assertEquals(1, r.epochs().size());
        assertTrue(r.testAccuracy() >= 0 && r.testAccuracy() <= 1);
        assertTrue(r.layers().stream().allMatch(l -> l.timeSteps() == 3), "every layer runs the 3 frames");
        assertTrue(Files.exists(tmp.resolve("out").resolve("result.json")));
    }

    @Test
    void missingClassFolderIsNamed() throws Exception {
        Path events = tmp.resolve("empty");
        Files.createDirectories(events.resolve("Train"));
        TrainConfig cfg = new TrainConfig("vgg-snn", 2, "nmnist", events, 4, 4, 2, BitTargets.parse("2/2/1"), null, 1,
                false, 1, 10, 0.05, 0.1, 0.01, 0.9, 1e-4, RenewalPolicy.ACTIVATION, Firing.ROUND, 1, 1, false, 0, 0, 1,
                tmp.resolve("out2"), 3, "time", 1, TrainConfig.DEFAULT_CALIBRATION_BATCHES, null, 0, -1, null,
                TrainConfig.DEFAULT_COST_PENALTY);
        DataFormatException e = assertThrows(DataFormatException.class, () -> new Trainer(cfg, false).run(false));
        assertTrue(e.getMessage().contains("Train/0") && e.getMessage().contains("missing class folder"), e.getMessage());
    }
}
