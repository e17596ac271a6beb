package io.github.abasnn.train;

import io.github.abasnn.data.Batches;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.plan.CpuPlanStep;
import io.github.abasnn.plan.StepPlan;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains each epoch with the step plan ({@link CpuPlanStep}) instead of DL4J's {@code fit}: the network's flat
 * parameters and updater state go into the plan's backend at the epoch's start and come back at its end, and the
 * iteration counter advances as DL4J's would, so checkpoints, {@code --resume}, renewal's switch-off, evaluation and
 * the result tables see the network as if DL4J had trained it (the same numbers to float rounding: the plan's tests).
 * This is the seam a device backend plugs into. The objective's bit loss is taken from the graph's listener; a cost
 * target is not a plan op yet and is refused.
 */
public final class PlanFitter implements EpochFitter {

    @Override
    public double fit(ComputationGraph graph, Batches trainBatches, int epoch) {
        StepPlan plan = StepPlan.of(graph);
        INDArray state = graph.getUpdater(true).getStateViewArray();
        CpuPlanStep step = new CpuPlanStep(plan, graph.params(),
                state != null ? state : Nd4j.create(graph.params().dataType(), 0), bitLoss(graph));
        trainBatches.setEpoch(epoch);
        double lossSum = 0;
        int batches = 0;
        while (trainBatches.hasNext()) {
            DataSet batch = trainBatches.next();
            int iteration = graph.getIterationCount();
            lossSum += step.step(batch.getFeatures(), batch.getLabels(), iteration, graph.getEpochCount());
            graph.getConfiguration().setIterationCount(iteration + 1);
            batches++;
        }
        graph.params().assign(step.params().reshape(graph.params().shape()));
        if (state != null) {
            state.assign(step.updaterState().reshape(state.shape()));
        }
        return lossSum / Math.max(1, batches);
    }

    /** The bit loss the graph's objective adds (null for a uniform baseline); a cost target is refused. */
    public static BitLoss bitLoss(ComputationGraph graph) {
        for (TrainingListener l : graph.getListeners()) {
            if (l instanceof BitLossListener b) {
                return b.loss();
            }
            if (l instanceof CostLossListener) {
                throw new IllegalArgumentException("the step plan has no cost-target op yet: train a cost budget"
                        + " with DL4J's step");
            }
        }
        return null;
    }
}
