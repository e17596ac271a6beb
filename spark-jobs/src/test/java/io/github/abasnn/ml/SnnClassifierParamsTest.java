package io.github.abasnn.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.train.TrainCli;
import io.github.abasnn.train.TrainConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.ml.param.Param;
import org.junit.jupiter.api.Test;

/** The estimator's Params are the trainer's options: same defaults, and the configuration they stand for is typed. */
class SnnClassifierParamsTest {
    @Test
    void defaultsAreTheTrainersOwn() {
        SnnClassifier snn = new SnnClassifier();
        TrainConfig fromParams = snn.trainConfig("mnist", Path.of("d"), Path.of("o"));
        TrainConfig fromCli = TrainCli.parse("--dataset", "mnist", "--data-dir", "d", "--out", "o", "--no-progress");
        assertEquals(fromCli, fromParams);
        assertEquals(TrainConfig.DEFAULTS.optimiser().epochs(), (int) snn.getOrDefault(snn.epochs()));
        assertEquals(TrainConfig.DEFAULTS.withOutDir(Path.of("o")).withData(fromCli.data()), fromParams,
                "the stage's defaults are the trainer's");
        assertEquals("penaltyScale", snn.penaltyScale().name());
    }

    @Test
    void everyParamReachesTheConfiguration() {
        SnnClassifier snn = new SnnClassifier().setNetwork("vgg-snn").setWidth(8).setInit("3/3/1").setTarget("2/2/1")
                .setPenaltyScale(5).setUniform(false).setEpochs(4).setBatch(16).setLr(0.05).setSeed(7);
        snn.set(snn.bitLr(), 0.2);
        snn.set(snn.stepGrad(), "release");
        TrainConfig cfg = snn.trainConfig("mnist", Path.of("d"), Path.of("o"));
        TrainConfig cli = TrainCli.parse("--network", "vgg-snn", "--width", "8", "--init", "3/3/1", "--target",
                "2/2/1", "--penalty-scale", "5", "--epochs", "4", "--batch", "16", "--lr", "0.05", "--bit-lr", "0.2",
                "--step-grad", "release", "--seed", "7", "--dataset", "mnist", "--data-dir", "d", "--out", "o");
        assertEquals(cli, cfg);
        assertEquals(cfg, TrainConfig.fromJson(cfg.toJson()).withOutDir(Path.of("o")), "its JSON reads back");
    }

    @Test
    void aCostBudgetReplacesTheWstTarget() {
        TrainConfig cfg = new SnnClassifier().setTargetEnergy(0.25).trainConfig("mnist", Path.of("d"), Path.of("o"));
        assertEquals(0.25, cfg.bits().costTarget().value());
        assertEquals(TrainCli.parse("--target-energy", "0.25", "--dataset", "mnist", "--data-dir", "d", "--out", "o"),
                cfg);
        assertNull(new SnnClassifier().trainConfig("mnist", Path.of("d"), Path.of("o")).bits().costTarget());
        SnnClassifier both = new SnnClassifier().setTargetSace(0.1).setTarget("2/2/1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> both.trainConfig("mnist", Path.of("d"), Path.of("o")));
        assertTrue(e.getMessage().contains("two kinds of target") && e.getMessage().contains("targetSace"),
                e.getMessage());
    }

    @Test
    void theColumnParamsAreDeclaredOnceAndFoundByMllib() {
        SnnClassifier snn = new SnnClassifier().setFeaturesCol("pixels");
        Set<String> names = Arrays.stream(snn.params()).map(Param::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(Set.of("featuresCol", "labelCol", "predictionCol", "probabilityCol",
                "imageShape", "network", "workDir")), names.toString());
        assertEquals("pixels", snn.getOrDefault(snn.featuresCol()));
        assertEquals(snn.uid(), snn.featuresCol().parent(), "owned by the stage, not shared");
        assertEquals("label", snn.getOrDefault(snn.labelCol()));
    }
}
