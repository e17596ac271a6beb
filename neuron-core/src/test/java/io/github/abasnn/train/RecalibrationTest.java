package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.Augmentation;
import io.github.abasnn.data.ImageBatches;
import io.github.abasnn.data.ImageSet;
import io.github.abasnn.nn.NetworkOptions;
import io.github.abasnn.nn.QuantParams;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.ResNet20;
import io.github.abasnn.nn.SpikingGraph;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.renewal.RenewalPolicy;
import java.util.Random;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Nesterovs;

/** The epoch-end pass: renewal catches up with a moved bit width, and batch norms evaluate like they train. */
class RecalibrationTest {
    private static ImageBatches batches(int n, int batch) {
        Random rng = new Random(5);
        byte[] pixels = new byte[n * 64];
        rng.nextBytes(pixels);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
        }
        ImageSet set = new ImageSet("random", pixels, labels, 1, 8, 8, 4);
        return new ImageBatches(set, batch, true, Augmentation.NONE, 1, new float[] {0.5f}, new float[] {0.3f});
    }

    private static ComputationGraph trained(ImageBatches data) {
        NetworkOptions o = new NetworkOptions(4, 4, 2, true, true, RenewalPolicy.ACTIVATION, Firing.ROUND, 1.0,
                new Nesterovs(0.05, 0.9), new Nesterovs(0.05, 0.9), new Nesterovs(0.005, 0.9), 0);
        ComputationGraph g = new ComputationGraph(ResNet20.build(2, 1, 8, 8, 4, o, 11));
        g.init();
        data.setEpoch(0);
        while (data.hasNext()) {
            g.fit(data.next());
        }
        return g;
    }

    @Test
    void afterRecalibrationEvaluationMatchesATrainingForwardOnTheSameBatch() {
        ImageBatches data = batches(64, 32);
        ComputationGraph g = trained(data);
        data.setEpoch(3);
        DataSet first = data.next();
        INDArray before = g.outputSingle(false, first.getFeatures()).dup();

        Recalibration.run(g, data, 3, 1);

        INDArray evaluated = g.outputSingle(false, first.getFeatures());
        INDArray training = g.outputSingle(true, first.getFeatures());
        double err = evaluated.sub(training).amaxNumber().doubleValue();
        double moved = before.sub(training).amaxNumber().doubleValue();
        assertTrue(err < 1e-5, "eval vs train-mode output differ by " + err);
        assertTrue(moved > err, "recalibration changed nothing: " + moved + " vs " + err);
    }

    @Test
    void aBitWidthMovedByTheLastUpdateIsRenewedBeforeEvaluation() {
        ImageBatches data = batches(64, 32);
        ComputationGraph g = trained(data);
        QuantizedLayerImpl<?> layer = SpikingGraph.layers(g).get(3);
        int steps = ((io.github.abasnn.nn.QuantizedLayer) layer.conf().getLayer()).neuronSteps();
        double stepBefore = layer.neuron().steps()[0];
        layer.getParam(QuantParams.SPIKE_BITS).putScalar(0, 1.0); // as if the last update dropped step 0 to 1 bit
        assertEquals(4, io.github.abasnn.nn.SpikingGraph.renewalState(layer).oldBit(0));

        Recalibration.run(g, data, 1, 2);

        assertEquals(1, io.github.abasnn.nn.SpikingGraph.renewalState(layer).oldBit(0));
        assertTrue(layer.neuron().steps()[0] != stepBefore, "step size not renewed: " + stepBefore);
    }

    @Test
    void zeroBatchesLeavesTheNetworkUntouched() {
        ImageBatches data = batches(32, 16);
        ComputationGraph g = trained(data);
        double[] before = g.params().dup().toDoubleVector();
        Recalibration.run(g, data, 1, 0);
        assertArrayEquals(before, g.params().toDoubleVector());
    }
}
