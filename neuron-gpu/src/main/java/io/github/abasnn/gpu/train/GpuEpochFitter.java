package io.github.abasnn.gpu.train;

import io.github.abasnn.data.Batches;
import io.github.abasnn.gpu.GpuKernels;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import io.github.abasnn.gpu.cuda.MathMode;
import io.github.abasnn.gpu.step.GpuPlanStep;
import io.github.abasnn.plan.StepPlan;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.SpikingGraph;
import io.github.abasnn.train.DeviceEpochEnd;
import io.github.abasnn.train.EpochFitter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import io.github.abasnn.train.PlanFitter;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains each epoch on one GPU ({@link GpuPlanStep}) through the trainer's fitter seam, as {@code PlanFitter} does on
 * the CPU: the network's flat parameters and updater state go to the device at the epoch's start and come back at
 * its end, the iteration counter advances as DL4J's would, so checkpoints, {@code --resume}, renewal's switch-off,
 * the result tables see the network as if DL4J had trained it. The epoch's end runs on the device too
 * ({@link DeviceEpochEnd}): the recalibration pass and the evaluation, each layer's firing counted into the DL4J layer
 * as its own evaluation forward would. The device, its kernels and the step's buffers are held from the first epoch
 * until {@link #close}.
 */
public final class GpuEpochFitter implements EpochFitter, DeviceEpochEnd, AutoCloseable {
    private final CudaDevice device;
    private final GpuKernels kernels;
    private final MathMode math;
    private StepPlan plan;
    private GpuPlanStep step;

    public GpuEpochFitter(int ordinal, MathMode math) {
        this.device = new CudaDevice(ordinal);
        this.kernels = new GpuKernels(device, KernelCompiler.withDefaultCache());
        this.math = math;
    }

    /** The graph's parameters and updater state onto the device (the step built on the first call). */
    private INDArray load(ComputationGraph graph) {
        device.makeCurrent(); // this thread may not be the one that opened the device
        INDArray stateView = graph.getUpdater(true).getStateViewArray();
        float[] params = graph.params().toFloatVector();
        float[] state = stateView == null ? new float[0] : stateView.toFloatVector();
        if (step == null) {
            plan = StepPlan.of(graph);
            step = new GpuPlanStep(kernels, math, plan.spec(), params, state, PlanFitter.bitLoss(graph),
                    new Nd4jStepSizes(plan));
        } else {
            step.load(params, state);
        }
        return stateView;
    }

    private static float[] floats(INDArray a) {
        return a.castTo(DataType.FLOAT).dup('c').data().asFloat();
    }

    @Override
    public void recalibrate(ComputationGraph graph, Batches train, int epoch, int batches) {
        if (batches <= 0) {
            return;
        }
        load(graph);
        train.setEpoch(epoch);
        int seen = 0;
        while (seen < batches && train.hasNext()) {
            DataSet ds = train.next();
            step.recalibrationBatch(floats(ds.getFeatures()), ds.getFeatures().shape());
            seen++;
        }
        if (seen > 0) {
            step.storeRecalibration(seen);
            graph.params().assign(Nd4j.createFromArray(step.params()).reshape(graph.params().shape()));
        }
    }

    @Override
    public double evaluate(ComputationGraph graph, Batches test, List<QuantizedLayerImpl<?>> layers) {
        load(graph);
        SpikingGraph.resetFiring(layers);
        Map<String, QuantizedLayerImpl<?>> byName = new HashMap<>();
        for (QuantizedLayerImpl<?> l : layers) {
            byName.put(l.conf().getLayer().getLayerName(), l);
        }
        test.setEpoch(0);
        long correct = 0;
        long total = 0;
        while (test.hasNext()) {
            DataSet ds = test.next();
            GpuPlanStep.Evaluation e = step.evaluate(floats(ds.getFeatures()), ds.getFeatures().shape(), true);
            float[] labels = floats(ds.getLabels());
            int k = (int) ds.getLabels().size(1);
            int rows = labels.length / k;
            for (int r = 0; r < rows; r++) {
                if (argMax(e.probabilities(), r * k, k) == argMax(labels, r * k, k)) {
                    correct++;
                }
            }
            total += rows;
            e.firing().forEach((name, f) -> {
                QuantizedLayerImpl<?> l = byName.get(name);
                if (l == null) {
                    throw new IllegalStateException("the plan's layer " + name + " is not a quantized layer of the"
                            + " graph");
                }
                l.recordEvaluation(f[0], f[1], e.inputShapes().get(name));
            });
        }
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /** The first largest of {@code v[at, at + k)} (ND4J's argMax picks the first too). */
    private static int argMax(float[] v, int at, int k) {
        int best = 0;
        for (int j = 1; j < k; j++) {
            if (v[at + j] > v[at + best]) {
                best = j;
            }
        }
        return best;
    }

    @Override
    public double fit(ComputationGraph graph, Batches trainBatches, int epoch) {
        INDArray stateView = load(graph);
        trainBatches.setEpoch(epoch);
        double lossSum = 0;
        int batches = 0;
        while (trainBatches.hasNext()) {
            DataSet batch = trainBatches.next();
            INDArray x = batch.getFeatures().castTo(DataType.FLOAT).dup('c');
            INDArray y = batch.getLabels().castTo(DataType.FLOAT).dup('c');
            int iteration = graph.getIterationCount();
            lossSum += step.step(x.data().asFloat(), x.shape(), y.data().asFloat(),
                    plan.rules(iteration, graph.getEpochCount()));
            graph.getConfiguration().setIterationCount(iteration + 1);
            batches++;
        }
        graph.params().assign(Nd4j.createFromArray(step.params()).reshape(graph.params().shape()));
        if (stateView != null) {
            stateView.assign(Nd4j.createFromArray(step.updaterState()).reshape(stateView.shape()));
        }
        return lossSum / Math.max(1, batches);
    }

    @Override
    public void close() {
        if (step != null) {
            step.close();
        }
        kernels.close();
        device.close();
    }
}
