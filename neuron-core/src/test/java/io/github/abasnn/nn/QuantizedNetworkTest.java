package io.github.abasnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.renewal.RenewalPolicy;
import io.github.abasnn.train.BitLossListener;
import io.github.abasnn.train.CosineSchedule;
import java.io.File;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/** The quantized layers inside a DL4J ComputationGraph: they train, serialise, and learn their bits. */
class QuantizedNetworkTest {
    @TempDir
    Path dir;

    static NetworkOptions options(boolean learn, double lr) {
        return new NetworkOptions(4, 4, 2, learn, learn, RenewalPolicy.ACTIVATION, Firing.ROUND, 1.0,
                new Nesterovs(lr, 0.9), new Nesterovs(lr, 0.9), new Nesterovs(lr / 10, 0.9), 0);
    }

    static DataSet fixedBatch(int n, int classes, int size, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 1, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, i % classes, 1);
        }
        return new DataSet(x, y);
    }

    @Test
    void aQuantizedResNetFitsOneFixedBatch() {
        ComputationGraph g = new ComputationGraph(ResNet20.build(4, 1, 8, 8, 4, options(true, 0.05), 7));
        g.init();
        DataSet batch = fixedBatch(16, 4, 8, 1);
        g.fit(batch);
        double first = g.score();
        for (int i = 0; i < 100; i++) {
            g.fit(batch);
        }
        double last = g.score();
        assertTrue(last < 0.05 && last < first / 20, "loss " + first + " -> " + last);
        for (QuantizedLayerImpl<?> l : SpikingGraph.layers(g)) {
            for (double step : l.neuron().steps()) {
                assertTrue(step > 1e-4, l.conf().getLayer().getLayerName() + " step size collapsed to " + step);
            }
        }
    }

    @Test
    void theBitLossPullsTheAllocationTowardsItsTarget() {
        ComputationGraph g = new ComputationGraph(ResNet20.build(2, 1, 8, 8, 4, options(true, 0.05), 3));
        g.init();
        BitLossListener bits = new BitLossListener(new BitLoss(BitTargets.parse("2/2/1"), new BitPenalties(2, 2, 2)));
        g.setListeners(bits);
        DataSet batch = fixedBatch(8, 4, 8, 2);
        for (int i = 0; i < 25; i++) {
            g.fit(batch);
        }
        BitLoss.Result r = bits.last();
        assertTrue(r.weightBitsAvg() < 4 && r.spikeBitsAvg() < 4,
                "W/S still " + r.weightBitsAvg() + "/" + r.spikeBitsAvg());
        for (QuantizedLayerImpl<?> l : SpikingGraph.layers(g)) {
            QuantizedLayer c = (QuantizedLayer) l.conf().getLayer();
            if (c.isFirst()) {
                assertEquals(8, l.neuron().weightBits(), "the first layer keeps 8-bit weights");
                assertEquals(8, l.neuron().bits()[0], "and 8-bit spikes");
            }
        }
    }

    @Test
    void uniformBaselineKeepsItsBits() {
        ComputationGraph g = new ComputationGraph(ResNet20.build(2, 1, 8, 8, 4, options(false, 0.05), 3));
        g.init();
        g.setListeners(new BitLossListener(new BitLoss(BitTargets.parse("1/1/1"), new BitPenalties(5, 5, 5))));
        DataSet batch = fixedBatch(8, 4, 8, 2);
        for (int i = 0; i < 10; i++) {
            g.fit(batch);
        }
        for (QuantizedLayerImpl<?> l : SpikingGraph.layers(g)) {
            QuantizedLayer c = (QuantizedLayer) l.conf().getLayer();
            assertEquals(c.isFirst() ? 8 : 4, l.neuron().weightBits());
            assertEquals(2, l.neuron().timeSteps());
        }
    }

    @Test
    void configurationAndCheckpointRoundTrip() throws Exception {
        NetworkOptions o = new NetworkOptions(3, 4, 2, true, true, RenewalPolicy.BOTH, Firing.FLOOR, 0.5,
                new Nesterovs(new CosineSchedule(0.1, 100), 0.9), new Nesterovs(0.1, 0.9), new Nesterovs(0.01, 0.9),
                1e-4);
        ComputationGraphConfiguration conf = ResNet20.build(2, 1, 8, 8, 4, o, 5);
        ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
        assertEquals(conf, back);
        QuantConv2D layer = (QuantConv2D) back.getVertices().values().stream()
                .filter(v -> v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                        && lv.getLayerConf().getLayer() instanceof QuantConv2D q && !q.isFirst())
                .map(v -> ((org.deeplearning4j.nn.conf.graph.LayerVertex) v).getLayerConf().getLayer())
                .findFirst().orElseThrow();
        assertEquals(RenewalPolicy.BOTH, layer.getRenewal());
        assertEquals(Firing.FLOOR, layer.getFiring());
        assertEquals(3, layer.getInitWeightBits());

        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        DataSet batch = fixedBatch(4, 4, 8, 9);
        g.fit(batch);
        File f = dir.resolve("m.zip").toFile();
        ModelSerializer.writeModel(g, f, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(f, true);
        assertEquals(g.params(), restored.params());
        assertEquals(g.outputSingle(false, batch.getFeatures()), restored.outputSingle(false, batch.getFeatures()));
    }

    @Test
    void nonFiniteInputNamesTheLayer() {
        ComputationGraph g = new ComputationGraph(ResNet20.build(2, 1, 8, 8, 4, options(true, 0.05), 3));
        g.init();
        INDArray x = Nd4j.zeros(DataType.FLOAT, 2, 1, 8, 8);
        x.putScalar(5, Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.outputSingle(false, x));
        assertTrue(e.getMessage().contains("stem") && e.getMessage().contains("NaN"), e.getMessage());
    }

    @Test
    void badLayerSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new QuantConv2D.Builder().name("c1").init(4, 4, 5).maxTimeSteps(3).nOut(4).build());
        assertTrue(e.getMessage().contains("c1") && e.getMessage().contains("initTimeSteps"), e.getMessage());
    }
}
