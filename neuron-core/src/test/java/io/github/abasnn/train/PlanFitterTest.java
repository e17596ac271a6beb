package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.IdxFiles;
import java.nio.file.Path;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A run trained by the step plan through the trainer's fitter seam ends where DL4J's own run ends: the same epochs'
 * accuracy and allocation, the same network in its checkpoint (to float rounding), and it resumes like any other run.
 */
class PlanFitterTest {
    @TempDir
    static Path tmp;
    static Path data;

    @BeforeAll
    static void writeData() throws Exception {
        data = tmp.resolve("fm");
        IdxFiles.writeToyDataset(data, 96, 40, 8, 4, 11);
    }

    @Test
    void aPlanTrainedRunEqualsADl4jTrainedOne() throws Exception {
        TrainResult dl4j = new Trainer(TinyConfigs.resnet(data, tmp.resolve("dl4j"), 2, 20, 3407), false).run(false);
        TrainResult plan = new Trainer(TinyConfigs.resnet(data, tmp.resolve("plan"), 2, 20, 3407), false)
                .fitter(new PlanFitter()).run(false);
        assertEquals(dl4j.epochs().size(), plan.epochs().size());
        for (int e = 0; e < dl4j.epochs().size(); e++) {
            EpochMetrics a = dl4j.epochs().get(e);
            EpochMetrics b = plan.epochs().get(e);
            assertEquals(a.trainLoss(), b.trainLoss(), 1e-4 * Math.abs(a.trainLoss()), "train loss, epoch " + (e + 1));
            assertEquals(a.testAccuracy(), b.testAccuracy(), 1e-9, "test accuracy, epoch " + (e + 1));
            assertEquals(a.bitBudget(), b.bitBudget(), 1e-9, "bit budget, epoch " + (e + 1));
        }
        ComputationGraph a = Checkpoints.load(tmp.resolve("dl4j")).graph();
        ComputationGraph b = Checkpoints.load(tmp.resolve("plan")).graph();
        assertEquals(a.getIterationCount(), b.getIterationCount(), "iterations counted as DL4J counts them");
        INDArray diff = a.params().castTo(DataType.DOUBLE).sub(b.params().castTo(DataType.DOUBLE));
        double scale = a.params().amaxNumber().doubleValue();
        assertTrue(diff.amaxNumber().doubleValue() <= 1e-4 * scale, "parameters differ by " + diff.amaxNumber());
        INDArray sa = a.getUpdater().getStateViewArray();
        INDArray sb = b.getUpdater().getStateViewArray();
        assertTrue(sa.castTo(DataType.DOUBLE).sub(sb.castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                <= 1e-4 * sa.amaxNumber().doubleValue(), "updater state");
    }

    /**
     * A fitter that runs the epoch's end on its device gets the recalibration pass and the evaluation in place of the
     * CPU's: here the plan fitter with the CPU's own recalibration and evaluation behind that seam, so the run must
     * equal the plain plan run, and each call is seen with the trainer's arguments.
     */
    @Test
    void aFitterThatEndsTheEpochOnItsDeviceIsCalledForRecalibrationAndEvaluation() throws Exception {
        java.util.List<String> calls = new java.util.ArrayList<>();
        class EndsOnDevice implements EpochFitter, DeviceEpochEnd {
            private final PlanFitter plan = new PlanFitter();

            @Override
            public double fit(ComputationGraph graph, io.github.abasnn.data.Batches train, int epoch) {
                return plan.fit(graph, train, epoch);
            }

            @Override
            public void recalibrate(ComputationGraph graph, io.github.abasnn.data.Batches train, int epoch, int n) {
                calls.add("recalibrate " + epoch + " " + n);
                Recalibration.run(graph, train, epoch, n);
            }

            @Override
            public double evaluate(ComputationGraph graph, io.github.abasnn.data.Batches test,
                                   java.util.List<io.github.abasnn.nn.QuantizedLayerImpl<?>> layers) {
                calls.add("evaluate " + layers.size());
                return Trainer.evaluate(graph, test, layers);
            }
        }
        TrainConfig cfg = TinyConfigs.resnet(data, tmp.resolve("ends"), 2, 20, 3407);
        TrainResult ends = new Trainer(cfg, false).fitter(new EndsOnDevice()).run(false);
        TrainResult plan = new Trainer(TinyConfigs.resnet(data, tmp.resolve("plan2"), 2, 20, 3407), false)
                .fitter(new PlanFitter()).run(false);
        int n = cfg.quantizers().calibrationBatches();
        int layers = ends.layers().size();
        assertEquals(java.util.List.of("recalibrate 0 " + n, "evaluate " + layers, "recalibrate 1 " + n,
                "evaluate " + layers), calls);
        for (int e = 0; e < plan.epochs().size(); e++) {
            assertEquals(plan.epochs().get(e).testAccuracy(), ends.epochs().get(e).testAccuracy(), 1e-12);
            assertEquals(plan.epochs().get(e).firingRate(), ends.epochs().get(e).firingRate(), 1e-12);
        }
    }
}
