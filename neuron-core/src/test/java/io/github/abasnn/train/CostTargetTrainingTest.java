package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.IdxFiles;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training towards an S-ACE or energy budget from the CLI's options, and the budgets it refuses. */
class CostTargetTrainingTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = tmp.resolve("toy");
        IdxFiles.writeToyDataset(data, 96, 32, 8, 4, 11);
    }

    static TrainConfig parse(String out, String... extra) {
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--network", "resnet20", "--width",
                "2", "--dataset", "fashion-mnist", "--data-dir", data.toString(), "--epochs", "2", "--batch", "32",
                "--init", "4/4/2", "--out", tmp.resolve(out).toString(), "--no-progress"));
        args.addAll(java.util.List.of(extra));
        return TrainCli.parse(args.toArray(String[]::new));
    }

    @Test
    void aSmallSaceBudgetPullsTheAllocationDown() throws Exception {
        TrainResult free = new Trainer(parse("free", "--uniform"), false).run(false);
        double budget = free.cost().sAceG() / 3;
        // six updates only: a strong penalty moves the widths across a rounding boundary
        TrainResult r = new Trainer(parse("sace", "--target-sace", String.valueOf(budget), "--penalty-scale", "2000",
                "--t-lr", "0.5"), false).run(false);
        assertTrue(r.cost().sAceG() < free.cost().sAceG() * 0.9, "S-ACE " + r.cost().sAceG() + " vs uniform 4/4/2 "
                + free.cost().sAceG() + ", budget " + budget);
        assertTrue(r.epochs().get(1).bitLoss() > 0, "the cost penalty is reported as the epoch's bit loss");
    }

    @Test
    void anEnergyBudgetTrainsWithBatchFiring() throws Exception {
        TrainResult r = new Trainer(parse("energy", "--target-energy", "0.0005", "--penalty-scale", "2000",
                "--t-lr", "0.5"), false).run(false);
        assertEquals(2, r.epochs().size());
        assertTrue(r.cost().spikeBitsAvg() < 4 || r.cost().timeStepsAvg() < 2, "spike bits or T came down: "
                + r.cost());
    }

    @Test
    void badBudgetsAreRefusedNamingTheOption() {
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
                () -> new Trainer(parse("low", "--target-sace", "1e-9"), false).run(false));
        assertTrue(low.getMessage().contains("--target-sace 1.000e-09 is below"), low.getMessage());
        IllegalArgumentException both = assertThrows(IllegalArgumentException.class,
                () -> parse("both", "--target", "2/2/1", "--target-energy", "1"));
        assertTrue(both.getMessage().contains("--target (W/S/T) and --target-energy"), both.getMessage());
        IllegalArgumentException model = assertThrows(IllegalArgumentException.class,
                () -> parse("model", "--target-energy", "1", "--energy-model", "nope"));
        assertTrue(model.getMessage().contains("--energy-model 'nope'"), model.getMessage());
        IllegalArgumentException uniform = assertThrows(IllegalArgumentException.class,
                () -> parse("uniform", "--target-sace", "1", "--uniform"));
        assertTrue(uniform.getMessage().contains("--uniform"), uniform.getMessage());
    }
}
