package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.DataFormatException;
import io.github.abasnn.data.events.ToyEvents;
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
        TrainConfig cfg = TinyConfigs.events("vgg-snn", 2, "nmnist", events, tmp.resolve("out"), 1, 10, 3);
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
        TrainConfig cfg = TinyConfigs.events("vgg-snn", 2, "nmnist", events, tmp.resolve("out2"), 1, 10, 3);
        DataFormatException e = assertThrows(DataFormatException.class, () -> new Trainer(cfg, false).run(false));
        assertTrue(e.getMessage().contains("Train/0") && e.getMessage().contains("missing class folder"), e.getMessage());
    }
}
