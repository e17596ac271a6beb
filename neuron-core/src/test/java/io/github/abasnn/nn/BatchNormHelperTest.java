package io.github.abasnn.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.kernel.FusedBatchNorm;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Batch statistics computed in Java: the same numbers as ND4J's, and the same training step. */
class BatchNormHelperTest {

    @Test
    void statisticsMatchNd4jsEvenFarFromZero() {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.randn(DataType.FLOAT, 8, 5, 6, 7).muli(3).addi(100);
        INDArray mean = Nd4j.create(DataType.FLOAT, 5);
        INDArray var = Nd4j.create(DataType.FLOAT, 5);
        FusedBatchNorm.statistics(x, mean, var);
        INDArray nd4jMean = x.mean(0, 2, 3);
        INDArray nd4jVar = Nd4j.exec(new Variance(x, Nd4j.create(DataType.FLOAT, 5), false, 0, 2, 3));
        for (int c = 0; c < 5; c++) {
            assertEquals(nd4jMean.getDouble(c), mean.getDouble(c), 1e-4, "mean " + c);
            assertEquals(nd4jVar.getDouble(c), var.getDouble(c), 1e-3 * nd4jVar.getDouble(c), "variance " + c);
            assertEquals(9, var.getDouble(c), 2.5, "a variance of about 3^2, not cancelled by the mean of 100");
        }
    }

    @Test
    void aViewIntoALargerArrayIsReadAtItsOffset() {
        INDArray whole = Nd4j.randn(DataType.FLOAT, 4, 3, 2, 2);
        INDArray tail = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 4)).dup().reshape(2, 3, 2, 2);
        INDArray view = whole.reshape(2, 2, 3, 2, 2).slice(1); // the last two images, offset into whole's buffer
        assertTrue(view.offset() > 0 && FusedBatchNorm.supports(view));
        INDArray a = Nd4j.create(DataType.FLOAT, 3), b = Nd4j.create(DataType.FLOAT, 3);
        INDArray c = Nd4j.create(DataType.FLOAT, 3), d = Nd4j.create(DataType.FLOAT, 3);
        FusedBatchNorm.statistics(view, a, b);
        FusedBatchNorm.statistics(tail, c, d);
        assertEquals(c, a);
        assertEquals(d, b);
    }

    @Test
    void aTrainingStepMatchesDl4jsOwnHelper() {
        ComputationGraph ours = graph();
        ComputationGraph theirs = graph();
        assertEquals(1, BatchNormHelper.install(ours), "the oneDNN helper is active and replaced");
        assertEquals(0, BatchNormHelper.install(ours), "once");
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 16, 3, 8, 8).addi(2);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 4);
        for (int i = 0; i < 16; i++) {
            y.putScalar(i, i % 4, 1);
        }
        io.github.abasnn.profile.PhaseTimes.enable(true);
        for (int step = 0; step < 3; step++) {
            ours.fit(new DataSet(x, y));
            theirs.fit(new DataSet(x, y));
        }
        io.github.abasnn.profile.PhaseTimes.enable(false);
        assertTrue(io.github.abasnn.profile.PhaseTimes.seconds(io.github.abasnn.profile.Phase.BATCH_NORM_BACKWARD) > 0,
                "the kernels ran");
        INDArray diff = ours.params().sub(theirs.params());
        assertTrue(diff.amaxNumber().doubleValue() < 1e-4, "params differ by " + diff.amaxNumber());
        INDArray running = ours.getLayer("bn").getParam("mean");
        assertEquals(theirs.getLayer("bn").getParam("mean").getDouble(0), running.getDouble(0), 1e-4,
                "running mean updated from the batch statistics");
        INDArray out = ours.outputSingle(false, x).sub(theirs.outputSingle(false, x));
        assertTrue(out.amaxNumber().doubleValue() < 1e-4, "outputs differ by " + out.amaxNumber());
    }

    @Test
    void forwardAndBackwardMatchOneDnnsOnATrainingSizedBatch() {
        Nd4j.getRandom().setSeed(5);
        int c = 4;
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, c, 5, 5).muli(2).addi(1);
        INDArray dy = Nd4j.randn(DataType.FLOAT, 6, c, 5, 5);
        INDArray gamma = Nd4j.rand(DataType.FLOAT, 1, c).addi(0.5);
        INDArray beta = Nd4j.randn(DataType.FLOAT, 1, c);
        var ws = org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces();
        var onednn = new org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper(DataType.FLOAT);
        long[] shape = {1, c};
        INDArray theirY = onednn.preOutput(x, true, shape, gamma, beta, Nd4j.zeros(DataType.FLOAT, 1, c),
                Nd4j.ones(DataType.FLOAT, 1, c), 0.9, 1e-5, org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, ws);
        INDArray theirDg = Nd4j.create(DataType.FLOAT, 1, c), theirDb = Nd4j.create(DataType.FLOAT, 1, c);
        INDArray theirDx = onednn.backpropGradient(x, dy, shape, gamma, beta, theirDg, theirDb, 1e-5,
                org.deeplearning4j.nn.conf.CNN2DFormat.NCHW, ws).getSecond();

        INDArray mean = Nd4j.create(DataType.FLOAT, c), var = Nd4j.create(DataType.FLOAT, c);
        FusedBatchNorm.statistics(x, mean, var);
        INDArray y = Nd4j.create(DataType.FLOAT, x.shape());
        FusedBatchNorm.forward(x, mean, var, gamma, beta, 1e-5, y);
        INDArray dx = Nd4j.create(DataType.FLOAT, x.shape());
        INDArray dg = Nd4j.create(DataType.FLOAT, 1, c), db = Nd4j.create(DataType.FLOAT, 1, c);
        FusedBatchNorm.backward(x, dy, mean, var, gamma, 1e-5, dx, dg, db);
        assertTrue(y.sub(theirY).amaxNumber().doubleValue() < 1e-5, "y differs by " + y.sub(theirY).amaxNumber());
        assertTrue(dx.sub(theirDx).amaxNumber().doubleValue() < 1e-5, "dx " + dx.sub(theirDx).amaxNumber());
        assertTrue(dg.sub(theirDg).amaxNumber().doubleValue() < 1e-4, "dgamma " + dg + " vs " + theirDg);
        assertTrue(db.sub(theirDb).amaxNumber().doubleValue() < 1e-4, "dbeta " + db + " vs " + theirDb);
    }

    @Test
    void theInstallerListenerSwapsTheHelperOnceAnIterationHasEnded() throws Exception {
        ComputationGraph g = graph();
        var bytes = new java.io.ByteArrayOutputStream();
        try (var out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(new BatchNormHelperInstaller()); // workers receive it serialised
        }
        g.setListeners((BatchNormHelperInstaller) new java.io.ObjectInputStream(
                new java.io.ByteArrayInputStream(bytes.toByteArray())).readObject());
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 8, 8);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 4);
        y.putScalar(0, 1, 1);
        g.fit(new DataSet(x, y));
        assertEquals(0, BatchNormHelper.install(g), "installed by the listener");
        g.fit(new DataSet(x, y)); // and trains on with it
    }

    private static ComputationGraph graph() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(11).updater(new Sgd(0.1))
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(6).activation(Activation.IDENTITY).build(),
                        "in")
                .addLayer("bn", new BatchNormalization.Builder().build(), "conv")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "bn")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build());
        g.init();
        return g;
    }
}
