package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.abasnn.loss.BitTargets;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The typed configuration: one source of defaults, each section checked when built, stored runs still read. */
class TrainConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommandLineWithNoOptionsIsTheDefaults() {
        assertEquals(TrainConfig.DEFAULTS, TrainCli.parse());
        assertEquals(Path.of("data", "fashion-mnist"), TrainConfig.DEFAULTS.data().localDir(),
                "the data directory defaults from the dataset");
    }

    @Test
    void aBadValueIsRefusedWhenItsSectionIsBuiltNamingTheOption() {
        TrainConfig d = TrainConfig.DEFAULTS;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TrainConfig.Optimiser(0, 64, 0.1, 0.1, 0.01, -1, 0.9, 1e-4));
        assertTrue(e.getMessage().contains("--epochs = 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainCli.parse("--momentum", "1"));
        assertTrue(e.getMessage().contains("--momentum = 1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> d.withBits(d.bits().withInit(9, 4, 2)));
        assertTrue(e.getMessage().contains("--init weight bits = 9"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainCli.parse("--fixed-bits-epochs", "1"));
        assertTrue(e.getMessage().contains("--fixed-bits-epochs"), "spans two sections: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new TrainConfig.Bits(4, 4, 2, false,
                BitTargets.parse("2/2/4"), null, 1, null, 0.04, 0));
        assertTrue(e.getMessage().contains("T = 4"), e.getMessage());
    }

    @Test
    void optionNamesAreUniqueAcrossSections() {
        Set<String> names = new HashSet<>();
        for (RecordComponent c : TrainConfig.class.getRecordComponents()) {
            if (!TrainConfig.isSection(c)) {
                assertTrue(names.add(c.getName()), c.getName());
                continue;
            }
            for (RecordComponent inner : c.getType().getRecordComponents()) {
                assertTrue(names.add(inner.getName()), "two sections name " + inner.getName());
            }
        }
        assertTrue(names.containsAll(Set.of("network", "dataDir", "targets", "epochs", "tau", "renewal", "seed")));
    }

    @Test
    void aStoredConfigurationReadsByOptionNameFlatOrSectioned() throws Exception {
        TrainConfig cfg = TrainCli.parse("--epochs", "3", "--width", "8", "--target", "3/4/1");
        JsonNode sectioned = JSON.valueToTree(cfg);
        assertTrue(sectioned.get("optimiser").isObject());
        JsonNode flat = TrainConfig.flatten(sectioned);
        assertEquals(3, flat.get("epochs").asInt());
        assertEquals(8, flat.get("width").asInt());
        assertEquals(3.0, flat.get("targets").get("weightBits").asDouble());
        // a checkpoint written before the configuration had sections stored every option at the top
        JsonNode before = JSON.readTree("{\"network\":\"resnet20\",\"width\":8,\"epochs\":3}");
        assertEquals(before, TrainConfig.flatten(before));
    }

    @Test
    void aResumeAgainstAFlatStoredConfigurationStillNamesTheChangedOption() throws Exception {
        TrainConfig now = TrainCli.parse("--epochs", "3");
        JsonNode stored = TrainConfig.flatten(JSON.valueToTree(now.withOptimiser(now.optimiser().withEpochs(2))));
        Trainer.requireSameConfig(TrainConfig.flatten(JSON.valueToTree(now)), JSON.valueToTree(now), Path.of("c"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Trainer.requireSameConfig(stored, JSON.valueToTree(now), Path.of("c")));
        assertTrue(e.getMessage().contains("--epochs = 2, this run has 3"), e.getMessage());
    }

    @Test
    void aRunResumesOnAnotherDeviceIncludingOneStoredBeforeDevicesExisted() throws Exception {
        TrainConfig cpu = TrainCli.parse("--epochs", "3");
        TrainConfig gpu = cpu.withDevice(ComputeDevice.GPU);
        Trainer.requireSameConfig(JSON.valueToTree(cpu), JSON.valueToTree(gpu), Path.of("c"));
        com.fasterxml.jackson.databind.node.ObjectNode old = JSON.valueToTree(cpu);
        old.remove("device");
        Trainer.requireSameConfig(old, JSON.valueToTree(gpu), Path.of("c"));
    }
}
