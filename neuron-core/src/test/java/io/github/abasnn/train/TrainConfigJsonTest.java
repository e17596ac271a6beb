package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The configuration's JSON, what crosses to executors and into checkpoints: it reads back as the same contract. */
class TrainConfigJsonTest {
    private static final Path OUT = Path.of("/runs/x").toAbsolutePath();

    private static TrainConfig parsed(String... args) {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--out";
        all[args.length + 1] = OUT.toString();
        return TrainCli.parse(all);
    }

    @Test
    void everyKindOfConfigurationReadsBackEqual() {
        for (TrainConfig c : new TrainConfig[] {
                parsed(),
                parsed("--uniform", "--init", "2/2/1", "--data-dir", "/data/fm", "--no-augment", "--seed", "1234"),
                parsed("--target-energy", "0.3", "--cost-penalty", "0.1", "--penalties", "1,2,3", "--renewal",
                        "both", "--step-grad", "release", "--firing", "floor", "--tau", "2"),
                parsed("--target-sace", "0.05", "--epochs", "5", "--fixed-bits-epochs", "2", "--step-lr", "0.01"),
                parsed("--dataset", "dvs-gesture", "--frames", "16", "--frame-split", "time", "--event-pool", "4",
                        "--data-dir", "hdfs://nn:8020/data/gesture"),
                parsed("--device", "gpu")}) {
            assertEquals(c, TrainConfig.fromJson(c.toJson()), c.toJson());
        }
    }

    @Test
    void aConfigurationStoredBeforeDevicesExistedReadsAsTrainedOnTheCpu() throws Exception {
        ObjectNode stored = (ObjectNode) new ObjectMapper().readTree(parsed("--seed", "7").toJson());
        stored.remove("device");
        TrainConfig read = TrainConfig.fromJson(stored.toString());
        assertEquals(ComputeDevice.CPU, read.device());
        assertEquals(parsed("--seed", "7"), read);
        assertEquals(ComputeDevice.GPU, parsed("--device", "GPU").device(), "any case, as the other enum options");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parsed("--device", "tpu"));
        assertEquals("--device 'tpu' must be cpu or gpu", e.getMessage());
    }

    @Test
    void aGpuRunWithoutTheGpuModuleFailsSayingWhatToAdd() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceFitterProvider.of(ComputeDevice.GPU));
        assertTrue(e.getMessage().contains("needs the neuron-gpu module") && e.getMessage().contains("-Pgpu"),
                e.getMessage());
    }

    @Test
    void theDataDirectoryTravelsAsItsUriStringAndOnlyALocalOneIsRead() throws Exception {
        TrainConfig remote = parsed("--data-dir", "s3a://bucket/fm");
        ObjectNode json = (ObjectNode) new ObjectMapper().readTree(remote.toJson());
        assertEquals("s3a://bucket/fm", json.get("data").get("dataDir").asText());
        assertFalse(json.get("data").has("remote"), "a derived property is not part of the contract");
        assertTrue(remote.data().isRemote());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> remote.data().localDir());
        assertTrue(e.getMessage().contains("s3a://bucket/fm"), e.getMessage());
        assertEquals(Path.of("/data/fm"), parsed("--data-dir", "file:///data/fm").data().localDir());
        assertFalse(parsed("--data-dir", "data/fm").data().isRemote());
        assertEquals(Path.of("data/fm"), parsed("--data-dir", "data/fm").data().localDir());
    }

    @Test
    void badJsonFailsNamingWhatIsWrong() throws Exception {
        ObjectMapper m = new ObjectMapper();
        ObjectNode json = (ObjectNode) m.readTree(parsed().toJson());
        ((ObjectNode) json.get("optimiser")).put("epochs", 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainConfig.fromJson(json.toString()));
        assertTrue(e.getMessage().contains("--epochs = 0"), e.getMessage());

        ObjectNode unknown = (ObjectNode) m.readTree(parsed().toJson());
        ((ObjectNode) unknown.get("model")).put("depth", 20);
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson(unknown.toString()));
        assertTrue(e.getMessage().contains("depth"), e.getMessage());

        ObjectNode missing = (ObjectNode) m.readTree(parsed().toJson());
        missing.remove("bits");
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson(missing.toString()));
        assertTrue(e.getMessage().contains("bits"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainConfig.fromJson("{\"model\":"));
        assertTrue(e.getMessage().startsWith("training configuration JSON"), e.getMessage());
    }
}
