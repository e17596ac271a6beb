package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.IdxFiles;
import io.github.abasnn.nn.QuantParams;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The trainer's parameter groups: which learning rate each quantizer parameter gets. */
class TrainerUpdatersTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = tmp.resolve("toy");
        IdxFiles.writeToyDataset(data, 64, 16, 8, 4, 5);
    }

    static TrainConfig parse(String... extra) {
        String[] base = {"--network", "resnet20", "--width", "2", "--dataset", "fashion-mnist", "--data-dir",
                data.toString(), "--batch", "32", "--out", tmp.resolve("out").toString()};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return TrainCli.parse(args);
    }

    static ComputationGraph network(TrainConfig cfg) throws Exception {
        return Trainer.newNetwork(cfg, TrainingData.load(cfg), 100);
    }

    static double weightStepLr(ComputationGraph graph, String layer) {
        return graph.getLayer(layer).conf().getLayer().getUpdaterByParam(QuantParams.WEIGHT_STEP)
                .getLearningRate(0, 0);
    }

    @Test
    void firstLayersWeightStepLearnsAtTheReleasesRateByDefault() throws Exception {
        ComputationGraph graph = network(parse());
        // stem: 2 filters x 1 channel x 3 x 3 = 18 weights at 8 bits, g = 1/sqrt(18 * 127)
        assertEquals(0.1 / Math.sqrt(18 * 127.0), weightStepLr(graph, "stem"), 1e-12);
        assertEquals(0.1, weightStepLr(graph, "s1b1_c1"), 1e-12, "every other layer keeps the group's rate");
        assertEquals(0.1, graph.getLayer("stem").conf().getLayer().getUpdaterByParam(QuantParams.SPIKE_STEPS)
                .getLearningRate(0, 0), 1e-12, "only the weight step of the first layer is slowed");
    }

    @Test
    void specRateKeepsTheGroupsRateForTheFirstLayer() throws Exception {
        assertEquals(0.1, weightStepLr(network(parse("--first-step-rate", "spec")), "stem"), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--first-step-rate", "fast"));
        assertTrue(e.getMessage().contains("--first-step-rate 'fast'"), e.getMessage());
    }

    @Test
    void aZeroRateFreezesItsGroup() throws Exception {
        TrainConfig cfg = parse("--bit-lr", "0", "--t-lr", "0");
        TrainingData data = TrainingData.load(cfg);
        ComputationGraph graph = Trainer.newNetwork(cfg, data, 100);
        var batches = data.train();
        batches.setEpoch(0);
        graph.fit(batches.next()); // the first forward initialises the step sizes from the data
        INDArray[] before = quantizerParams(graph);
        graph.fit(batches.next());
        INDArray[] after = quantizerParams(graph);
        for (int i = 0; i < before.length; i++) {
            assertEquals(before[i], after[i], "parameter " + i + " moved at rate 0");
        }
    }

    static double rate(ComputationGraph graph, String layer, String param, int iteration) {
        return graph.getLayer(layer).conf().getLayer().getUpdaterByParam(param).getLearningRate(iteration, 0);
    }

    @Test
    void fixedBitsEpochsStopBitWidthsAndTimeForTheLastEpochs() throws Exception {
        TrainConfig cfg = parse("--epochs", "4", "--fixed-bits-epochs", "1");
        ComputationGraph graph = Trainer.newNetwork(cfg, TrainingData.load(cfg), 40); // 10 batches an epoch
        for (String p : new String[] {QuantParams.WEIGHT_BITS, QuantParams.SPIKE_BITS, QuantParams.TIME}) {
            assertTrue(rate(graph, "s2b1_c1", p, 29) > 0, p + " learns through epoch 3");
            assertEquals(0, rate(graph, "s2b1_c1", p, 30), p + " is fixed in epoch 4");
        }
        assertEquals(0, rate(graph, "stem", QuantParams.TIME, 30), "the first layer's T too");
        assertTrue(rate(graph, "s2b1_c1", QuantParams.SPIKE_STEPS, 30) > 0, "step sizes keep learning");
        assertTrue(rate(graph, "s2b1_c1", QuantParams.WEIGHT_STEP, 30) > 0, "step sizes keep learning");
        assertTrue(rate(graph, "s2b1_c1", QuantParams.WEIGHTS, 30) > 0, "weights keep learning");
        ComputationGraph plain = Trainer.newNetwork(parse("--epochs", "4"), TrainingData.load(cfg), 40);
        assertTrue(rate(plain, "s2b1_c1", QuantParams.WEIGHT_BITS, 30) > 0, "the paper's recipe never stops them");
        // a checkpoint restores the same schedule
        ComputationGraph restored = new ComputationGraph(org.deeplearning4j.nn.conf.ComputationGraphConfiguration
                .fromJson(graph.getConfiguration().toJson()));
        restored.init();
        assertEquals(0, rate(restored, "s2b1_c1", QuantParams.SPIKE_BITS, 30));
        assertTrue(rate(restored, "s2b1_c1", QuantParams.SPIKE_BITS, 29) > 0);
    }

    @Test
    void fixedBitWidthsStayPutWhileStepSizesLearn() throws Exception {
        // momentum 0 so that nothing carries the bit widths past the freeze
        TrainConfig cfg = parse("--epochs", "2", "--fixed-bits-epochs", "1", "--momentum", "0",
                "--penalty-scale", "100");
        TrainingData data = TrainingData.load(cfg);
        ComputationGraph graph = Trainer.newNetwork(cfg, data, 4); // frozen from iteration 2
        graph.setListeners(new BitLossListener(new io.github.abasnn.loss.BitLoss(cfg.targets(),
                cfg.effectivePenalties())));
        var batches = data.train();
        batches.setEpoch(0);
        var first = batches.next();
        var second = batches.next();
        graph.fit(first);
        INDArray bitsBefore = graph.getLayer("s2b1_c1").getParam(QuantParams.SPIKE_BITS).dup();
        graph.fit(second);
        assertTrue(!java.util.Arrays.equals(values(bitsBefore),
                        values(graph.getLayer("s2b1_c1").getParam(QuantParams.SPIKE_BITS))),
                "spike bits learn before the freeze");
        INDArray[] before = quantizerParams(graph);
        graph.fit(first);
        INDArray[] after = quantizerParams(graph);
        assertArrayEquals(values(before[3]), values(after[3]), "weight bits fixed");
        assertArrayEquals(values(before[7]), values(after[7]), "spike bits fixed");
        assertArrayEquals(values(before[9]), values(after[9]), "T fixed");
        assertTrue(!java.util.Arrays.equals(values(before[5]), values(after[5])), "spike step sizes still learn");
    }

    /** Exact values (INDArray.equals allows 1e-5). */
    static double[] values(INDArray a) {
        return a.dup().data().asDouble();
    }

    @Test
    void fixedBitsEpochsMustLeaveAnEpochToLearnIn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--epochs", "3", "--fixed-bits-epochs", "3"));
        assertTrue(e.getMessage().contains("fixed-bits epochs"), e.getMessage());
    }

    static INDArray[] quantizerParams(ComputationGraph graph) {
        String[] keys = {QuantParams.WEIGHT_STEP, QuantParams.WEIGHT_BITS, QuantParams.SPIKE_STEPS,
                QuantParams.SPIKE_BITS, QuantParams.TIME};
        INDArray[] out = new INDArray[keys.length * 2];
        for (int i = 0; i < keys.length; i++) {
            out[2 * i] = graph.getLayer("stem").getParam(keys[i]).dup();
            out[2 * i + 1] = graph.getLayer("s2b1_c1").getParam(keys[i]).dup();
        }
        return out;
    }
}
