package io.github.abasnn.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.train.TrainConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepSpecTest {
    @TempDir
    Path dir;
    Path data;

    @BeforeEach
    void dataDir() throws Exception {
        data = Files.createDirectories(dir.resolve("fm"));
    }

    private Path sweep(String body) throws Exception {
        return Files.writeString(dir.resolve("s.conf"), "sweep {\n" + body.replace("DATA", data.toString()) + "\n}\n");
    }

    private static final String QUICK = """
            name = quick
            results = "file:///tmp/results"
            base { network = resnet20, width = 8, dataset = fashion-mnist, data-dir = "DATA", epochs = 2 }
            axes { target = ["1/1/1", "2/2/1", "3/4/1"], seed = [3407] }
            trials = [ { uniform = true, init = "4/4/1" } ]
            """;

    @Test
    void gridExpandsToTheProductPlusExtraTrials() throws Exception {
        SweepSpec spec = SweepSpec.load(sweep(QUICK));
        List<TrialConfig> trials = spec.expand();
        assertEquals(4, trials.size());
        Set<String> ids = trials.stream().map(TrialConfig::id).collect(Collectors.toSet());
        assertEquals(4, ids.size());
        TrainConfig uniform = trials.get(3).toTrainConfig(dir.resolve("t"));
        assertTrue(uniform.bits().uniform());
        assertEquals(4, uniform.bits().initWeightBits());
        assertEquals(1, uniform.bits().initTimeSteps());
        TrainConfig first = trials.get(0).toTrainConfig(dir.resolve("t"));
        assertEquals("1/1/1", first.bits().targets().toString());
        assertEquals(8, first.model().width());
        assertEquals(2, first.optimiser().epochs());
    }

    @Test
    void trialIdsAreStableAndIgnoreKeyOrderAndOutput() throws Exception {
        List<TrialConfig> a = SweepSpec.load(sweep(QUICK)).expand();
        List<TrialConfig> b = SweepSpec.load(sweep(QUICK)).expand();
        assertEquals(a.stream().map(TrialConfig::id).toList(), b.stream().map(TrialConfig::id).toList());
        assertEquals(TrialConfig.of(java.util.Map.of("epochs", "1", "width", "2")).id(),
                TrialConfig.of(java.util.Map.of("width", "2", "epochs", "1", "out", "/x")).id());
        assertNotEquals(TrialConfig.of(java.util.Map.of("width", "2")).id(),
                TrialConfig.of(java.util.Map.of("width", "3")).id());
    }

    @Test
    void randomModeSamplesWithoutReplacement() throws Exception {
        SweepSpec spec = SweepSpec.load(sweep("""
                name = r
                results = "r"
                mode = random
                samples = 3
                base { dataset = fashion-mnist, data-dir = "DATA" }
                axes { target = ["1/1/1", "2/2/1", "3/4/1", "2/4/1"], penalty-scale = [1, 10] }
                """));
        assertEquals(3, spec.expand().size());
        assertEquals(spec.expand(), spec.expand());
    }

    @Test
    void aHugeRandomSweepSamplesWithoutExpandingItsGrid() throws Exception {
        String twenty = java.util.stream.IntStream.range(0, 20).mapToObj(i -> String.valueOf(1 + i))
                .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        String axes = java.util.stream.Stream.of("epochs", "batch", "seed", "calibration-batches", "min-epochs",
                "frames").map(a -> a + " = " + twenty).collect(java.util.stream.Collectors.joining("\n"));
        SweepSpec spec = SweepSpec.load(sweep("name = big\nresults = \"r\"\nmode = random\nsamples = 24\n"
                + "base { dataset = fashion-mnist, data-dir = \"DATA\" }\naxes {\n" + axes + "\n}\n"));
        assertEquals(64_000_000L, spec.gridSize());
        assertEquals(24, spec.expand().size());
        assertEquals(spec.expand(), spec.expand(), "the same sample every time");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SweepSpec.load(sweep(
                "name = big\nresults = \"r\"\nbase { dataset = fashion-mnist, data-dir = \"DATA\" }\naxes {\n"
                        + axes + "\n}\n")));
        assertTrue(e.getMessage().contains("64000000 trials (20 x 20 x 20 x 20 x 20 x 20)"), e.getMessage());
    }

    @Test
    void unknownSweepKeyIsNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK + "\nretries = 3\n")));
        assertTrue(e.getMessage().contains("sweep.retries"), e.getMessage());
    }

    @Test
    void medianStoppingIsReadAndItsKeysChecked() throws Exception {
        SweepSpec spec = SweepSpec.load(sweep(QUICK + "\nstopping { rule = median, grace-epochs = 2, min-trials = 4 }\n"));
        assertEquals(new MedianStopping(2, 4, java.util.List.of()), spec.stopping());
        assertEquals(null, SweepSpec.load(sweep(QUICK)).stopping());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK + "\nstopping { rule = median, patience = 2 }\n")));
        assertTrue(e.getMessage().contains("sweep.stopping.patience"), e.getMessage());
    }

    @Test
    void paretoStoppingIsReadWithItsOwnKeys() throws Exception {
        SweepSpec spec = SweepSpec.load(sweep(QUICK + "\nstopping { rule = pareto, grace-epochs = 2, min-trials = 4,"
                + " accuracy-margin = 0.02, min-dominating = 2 }\n"));
        assertEquals(new ParetoStopping(2, 4, 0.02, 2, java.util.List.of()), spec.stopping());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK + "\nstopping { rule = median, accuracy-margin = 0.02 }\n")));
        assertTrue(e.getMessage().contains("accuracy-margin does not apply to rule = median"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK + "\nstopping { rule = hyperband }\n")));
        assertTrue(e.getMessage().contains("sweep.stopping.rule 'hyperband'"), e.getMessage());
        assertEquals(new AshaStopping(2, 4, java.util.List.of()), SweepSpec.load(sweep(QUICK
                + "\nstopping { rule = asha, min-epochs = 2, reduction = 4 }\n")).stopping());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {".", "..", "2024", "1e5", "a/b", "x y"})
    void sweepNamesThatBreakPathsOrReadAsNumbersAreRefused(String name) throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK.replace("name = quick", "name = \"" + name + "\""))));
        assertTrue(e.getMessage().contains("sweep.name '" + name + "'"), e.getMessage());
    }

    @Test
    void trialTimeoutIsADuration() throws Exception {
        assertEquals(java.time.Duration.ofMinutes(90), SweepSpec.load(sweep(QUICK + "\ntrial-timeout = 90m\n"))
                .trialTimeout());
        assertEquals(null, SweepSpec.load(sweep(QUICK)).trialTimeout());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK + "\ntrial-timeout = soon\n")));
        assertTrue(e.getMessage().contains("trial-timeout"), e.getMessage());
    }

    @Test
    void unknownTrainerOptionIsNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK.replace("epochs = 2", "epochs = 2, learning-rate = 0.1"))));
        assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
    }

    @Test
    void targetOutsideTheBitBoundsIsNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK.replace("\"3/4/1\"", "\"9/4/1\""))));
        assertTrue(e.getMessage().contains("W = 9"), e.getMessage());
    }

    @Test
    void missingDatasetDirectoryIsNamed() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SweepSpec.load(sweep(QUICK.replace("DATA", dir.resolve("absent").toString()))));
        assertTrue(e.getMessage().contains("absent") && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void missingFileOrBlockIsNamed() throws Exception {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSpec.load(dir.resolve("none.conf")))
                .getMessage().contains("none.conf"));
        Path empty = Files.writeString(dir.resolve("e.conf"), "other {}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepSpec.load(empty)).getMessage()
                .contains("no 'sweep' block"));
    }
}
