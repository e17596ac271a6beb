package io.github.abasnn.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.events.DvsConverter;
import io.github.abasnn.data.events.EventStream;
import io.github.abasnn.data.events.Framing;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Networks on event frames folded time-major into the batch. */
class EventNetworksTest {

    @Test
    void foldAndUnfoldAreInverseAndTimeMajor() {
        INDArray x = Nd4j.arange(2 * 3 * 2 * 2 * 2).castTo(DataType.FLOAT).reshape(2, 6, 2, 2); // B 2, T 3, C 2
        INDArray folded = TimeFoldVertexImpl.fold(x, 3);
        assertArrayEquals(new long[] {6, 2, 2, 2}, folded.shape());
        // row t*B + b holds frame t of sample b
        assertEquals(x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(4, 6)), folded.get(org.nd4j.linalg.indexing.NDArrayIndex.point(2 * 2 + 1)));
        assertEquals(x, TimeFoldVertexImpl.unfold(folded, 3));
    }

    static DataSet dvsDigits(int n, int frames, int classes) {
        DvsConverter dvs = DvsConverter.nmnistLike();
        int side = 34;
        float[] all = new float[n * frames * 2 * side * side];
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, classes);
        for (int i = 0; i < n; i++) {
            int label = i % classes;
            byte[] img = new byte[28 * 28];
            for (int r = 4 + 6 * label; r < 8 + 6 * label; r++) {
                for (int c = 6; c < 22; c++) {
                    img[r * 28 + c] = (byte) 220; // a horizontal bar whose row is the class
                }
            }
            EventStream e = dvs.convert(img, 28);
            System.arraycopy(Framing.frames(e, frames, Framing.Split.NUMBER), 0, all, i * frames * 2 * side * side,
                    frames * 2 * side * side);
            y.putScalar(i, label, 1);
        }
        INDArray x = Nd4j.create(all, new long[] {n, (long) frames * 2, side, side}, 'c');
        return new DataSet(x, y);
    }

    @Test
    void vggSnnLearnsDvsConvertedBars() {
        int frames = 3;
        NetworkOptions o = QuantizedNetworkTest.options(true, 0.05).withFrames(frames);
        ComputationGraphConfiguration conf = VggSnn.build(2, 2, 34, 34, 3, o, 5);
        assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        DataSet batch = dvsDigits(6, frames, 3);
        g.fit(batch);
        double first = g.score();
        for (int i = 0; i < 30; i++) {
            g.fit(batch);
        }
        assertTrue(g.score() < first / 2, "loss " + first + " -> " + g.score());
        assertArrayEquals(new long[] {6, 3}, g.outputSingle(false, batch.getFeatures()).shape());
        for (QuantizedLayerImpl<?> l : SpikingGraph.layers(g)) {
            assertEquals(frames, l.neuron().timeSteps(), "T is the number of frames");
        }
    }

    @Test
    void spikeMlpAndEventResNet19TrainAStep() {
        NetworkOptions o = QuantizedNetworkTest.options(true, 0.05).withFrames(4);
        ComputationGraph mlp = new ComputationGraph(SpikeMlp.build(70, 16, 5, o, 1));
        mlp.init();
        INDArray x = Nd4j.rand(DataType.FLOAT, 8, 4 * 70).gt(0.8).castTo(DataType.FLOAT);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 5);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 5, 1);
        }
        mlp.fit(new DataSet(x, y));
        assertTrue(Double.isFinite(mlp.score()));
        assertEquals(3, SpikingGraph.layers(mlp).size());

        ComputationGraph r19 = new ComputationGraph(ResNet19.build(2, 2, 16, 16, 5, o, 1));
        r19.init();
        r19.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 2, 8, 16, 16), y.get(org.nd4j.linalg.indexing.NDArrayIndex
                .interval(0, 2))));
        assertTrue(Double.isFinite(r19.score()));
    }
}
