package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.IdxFiles;
import io.github.abasnn.nn.QuantParams;
import io.github.abasnn.nn.QuantizedLayer;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.SpikingGraph;
import io.github.abasnn.nn.WeightShaped;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.quant.WeightQuantizer;
import java.util.List;
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

    @Test
    void stepGradRuleScalesEveryConvsWeightStepGradient() throws Exception {
        TrainConfig release = parse("--step-grad", "release");
        TrainConfig lsq = parse();
        assertEquals(StepGradient.LSQ, lsq.quantizers().stepGradient(), "the default");
        TrainingData data = TrainingData.load(release);
        var batches = data.train();
        batches.setEpoch(0);
        var batch = batches.next();
        List<QuantizedLayerImpl<?>> a = gradients(Trainer.newNetwork(release, data, 100), batch);
        List<QuantizedLayerImpl<?>> b = gradients(Trainer.newNetwork(lsq, data, 100), batch);
        int convs = 0;
        for (int i = 0; i < a.size(); i++) {
            QuantizedLayer conf = (QuantizedLayer) a.get(i).conf().getLayer();
            long[] shape = ((WeightShaped) conf).weightShape();
            int qmax = WeightQuantizer.qmax(a.get(i).neuron().weightBits());
            double gRelease = a.get(i).gradientView(QuantParams.WEIGHT_STEP).getDouble(0);
            double gLsq = b.get(i).gradientView(QuantParams.WEIGHT_STEP).getDouble(0);
            // release / lsq = sqrt(N qmax) / (C_out qmax) for a conv, 1 for the dense classifier
            double expected = shape.length == 4
                    ? Math.sqrt((double) shape[0] * shape[1] * shape[2] * shape[3] * qmax) / (shape[0] * qmax) : 1;
            convs += shape.length == 4 ? 1 : 0;
            assertTrue(gLsq != 0, conf.getLayerName());
            assertEquals(expected, gRelease / gLsq, 1e-5 * expected, conf.getLayerName()); // float32 gradients
        }
        assertTrue(convs > 10);
    }

    @Test
    void stepLrSetsTheStepSizesRateApartFromTheBitWidths() throws Exception {
        ComputationGraph own = network(parse("--step-lr", "0.01"));
        ComputationGraph shared = network(parse());
        for (String layer : new String[] {"stem", "s2b1_c1", "fc"}) {
            assertEquals(0.01, rate(own, layer, QuantParams.WEIGHT_STEP, 0), 1e-12, layer);
            assertEquals(0.01, rate(own, layer, QuantParams.SPIKE_STEPS, 0), 1e-12, layer);
            assertEquals(0.1, rate(own, layer, QuantParams.WEIGHT_BITS, 0), 1e-12, layer);
            assertEquals(0.1, rate(own, layer, QuantParams.SPIKE_BITS, 0), 1e-12, layer);
            assertEquals(0.1, rate(shared, layer, QuantParams.WEIGHT_STEP, 0), 1e-12, "the paper's shared group");
            assertEquals(0.1, rate(shared, layer, QuantParams.SPIKE_BITS, 0), 1e-12, "the paper's shared group");
        }
    }

    @Test
    void unknownStepGradRuleIsRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> parse("--step-grad", "fast"));
        assertTrue(e.getMessage().contains("--step-grad 'fast'"), e.getMessage());
    }

    /** One forward and backward pass; the network's quantized layers then hold their gradients. */
    static List<QuantizedLayerImpl<?>> gradients(ComputationGraph graph, org.nd4j.linalg.dataset.DataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.computeGradientAndScore();
        return SpikingGraph.layers(graph);
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
        graph.setListeners(new BitLossListener(new io.github.abasnn.loss.BitLoss(cfg.bits().targets(),
                cfg.bits().effectivePenalties())));
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
        assertTrue(e.getMessage().contains("--fixed-bits-epochs (at most --epochs - 1) = 3"), e.getMessage());
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
