package io.github.abasnn.gpu.train;

import io.github.abasnn.data.Batches;
import io.github.abasnn.gpu.GpuKernels;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import io.github.abasnn.gpu.cuda.MathMode;
import io.github.abasnn.gpu.step.GpuPlanStep;
import io.github.abasnn.plan.StepPlan;
import io.github.abasnn.train.EpochFitter;
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
 * evaluation (on the CPU) and the result tables see the network as if DL4J had trained it. The device, its kernels and
 * the step's buffers are held from the first epoch until {@link #close}.
 */
public final class GpuEpochFitter implements EpochFitter, AutoCloseable {
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

    @Override
    public double fit(ComputationGraph graph, Batches trainBatches, int epoch) {
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
