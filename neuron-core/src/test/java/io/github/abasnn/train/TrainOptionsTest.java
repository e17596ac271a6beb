package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Named options (a sweep file's, a trial row's) build the same configuration the command line does. */
class TrainOptionsTest {
    @Test
    void namedOptionsAreTheCommandLinesOptions() {
        Map<String, String> options = new TreeMap<>(Map.of("network", "resnet20", "width", "4", "init", "4/4/2",
                "target", "2/2/1", "penalty-scale", "20", "uniform", "false", "augment", "false", "step-lr", "0.01",
                "seed", "1234", "renewal", "both"));
        TrainConfig fromMap = TrainOptions.toConfig(options);
        assertEquals(TrainCli.parse("--network", "resnet20", "--width", "4", "--init", "4/4/2", "--target", "2/2/1",
                "--penalty-scale", "20", "--no-augment", "--step-lr", "0.01", "--seed", "1234", "--renewal", "both"),
                fromMap);
        assertEquals(TrainConfig.DEFAULTS, TrainOptions.toConfig(Map.of()));
        assertTrue(TrainOptions.toConfig(Map.of("uniform", "true")).bits().uniform());
        assertEquals(20.0, TrainOptions.toConfig(Map.of("penalty-scale", "20.0")).bits().penaltyScale());
    }

    @Test
    void aCommandLineReadsIntoNamedOptionsThatBuildTheSameConfiguration() {
        String[] args = {"--width", "4", "--no-augment", "--uniform", "--init=2/2/1", "--seed", "9", "--resume",
                "--no-progress"};
        Map<String, String> named = TrainOptions.of(args);
        assertEquals(Map.of("width", "4", "augment", "false", "uniform", "true", "init", "2/2/1", "seed", "9"),
                named, "how the command runs (--resume, --progress) is not what is trained");
        assertEquals(TrainCli.parse(args), TrainOptions.toConfig(named));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.of("--widht", "4"));
        assertTrue(e.getMessage().contains("--widht"), e.getMessage());
    }

    @Test
    void aBadNameOrValueIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.toConfig(Map.of("widht", "4")));
        assertTrue(e.getMessage().contains("'widht'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainOptions.toConfig(Map.of("width", "four")));
        assertTrue(e.getMessage().contains("--width = 'four'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainOptions.toConfig(Map.of("uniform", "yes")));
        assertTrue(e.getMessage().contains("--uniform = 'yes' must be true or false"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainOptions.toConfig(Map.of("resume", "true")));
        assertTrue(e.getMessage().contains("'resume'"), "how a command runs is no trial option: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainOptions.toConfig(Map.of("lr", "0")));
        assertTrue(e.getMessage().contains("--lr = 0.0"), "checked as when built: " + e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> TrainOptions.toConfig(Map.of("target", "2/2/1", "target-sace", "0.1")));
        assertTrue(e.getMessage().contains("two kinds of target"), e.getMessage());
    }
}
