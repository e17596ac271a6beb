package io.github.abasnn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.train.TrainCli;
import io.github.abasnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The estimator's Params are the trainer's options: same defaults, and the arguments they stand for parse. */
class SnnClassifierParamsTest {
    @Test
    void defaultsAreTheTrainersOwn() {
        SnnClassifier snn = new SnnClassifier();
        TrainConfig fromParams = TrainCli.parse(snn.trainerArgs("mnist", Path.of("d"), Path.of("o"))
                .toArray(String[]::new));
        TrainConfig fromCli = TrainCli.parse("--dataset", "mnist", "--data-dir", "d", "--out", "o", "--no-progress");
        assertEquals(fromCli, fromParams);
        assertEquals(TrainConfig.DEFAULTS.optimiser().epochs(), (int) snn.getOrDefault(snn.epochs()));
        assertEquals(TrainConfig.DEFAULTS.withOutDir(Path.of("o")).withData(fromCli.data()), fromParams,
                "the stage's defaults are the trainer's");
        assertEquals("penaltyScale", snn.penaltyScale().name());
    }

    @Test
    void aCostBudgetReplacesTheWstTarget() {
        SnnClassifier snn = new SnnClassifier().setTargetEnergy(0.25);
        List<String> args = snn.trainerArgs("mnist", Path.of("d"), Path.of("o"));
        assertTrue(args.contains("--target-energy") && args.contains("0.25"), args.toString());
        assertFalse(args.contains("--target"), args.toString());
        TrainConfig cfg = TrainCli.parse(args.toArray(String[]::new));
        assertEquals(0.25, cfg.bits().costTarget().value());
        SnnClassifier both = new SnnClassifier().setTargetSace(0.1).setTarget("2/2/1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainCli.parse(
                both.trainerArgs("mnist", Path.of("d"), Path.of("o")).toArray(String[]::new)));
        assertTrue(e.getMessage().contains("two kinds of target"), e.getMessage());
    }
}
