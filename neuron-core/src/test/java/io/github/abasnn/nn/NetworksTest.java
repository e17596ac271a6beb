package io.github.abasnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Every network builds, trains a step, and has the quantized layers its architecture says. */
class NetworksTest {

    @ParameterizedTest
    @CsvSource({"resnet20, 2, 16, 22", "resnet19, 2, 16, 21", "sew-resnet18, 2, 32, 21", "sew-resnet34, 2, 32, 37"})
    void buildsAndTrainsAStep(String name, int width, int size, int quantizedLayers) {
        ComputationGraph g = new ComputationGraph(Networks.build(name, width, 3, size, size, 5,
                QuantizedNetworkTest.options(true, 0.05), 1));
        g.init();
        List<QuantizedLayerImpl<?>> layers = SpikingGraph.layers(g);
        assertEquals(quantizedLayers, layers.size());
        assertTrue(((QuantizedLayer) layers.get(0).conf().getLayer()).isFirst(), "the stem is the first layer");
        assertEquals(1, layers.stream().filter(l -> ((QuantizedLayer) l.conf().getLayer()).isFirst()).count());
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 5);
        for (int i = 0; i < 4; i++) {
            y.putScalar(i, i % 5, 1);
        }
        g.fit(new DataSet(x, y));
        assertTrue(Double.isFinite(g.score()));
        assertArrayEquals(new long[] {4, 5}, g.outputSingle(false, x).shape());
    }

    @Test
    void unknownNetworkListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Networks.build("vgg99", 2, 3,
                16, 16, 5, QuantizedNetworkTest.options(true, 0.05), 1));
        assertTrue(e.getMessage().contains("vgg99") && e.getMessage().contains("resnet20"), e.getMessage());
    }
}
