package io.github.abasnn.gpu.train;

import io.github.abasnn.gpu.step.StepSizeHost;
import io.github.abasnn.neuron.NeuronEngine;
import io.github.abasnn.nn.LayerSteps;
import io.github.abasnn.nn.QuantizedLayer;
import io.github.abasnn.plan.PlanOp;
import io.github.abasnn.plan.StepPlan;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The trainer's host for a device step's LSQ initialisation and renewal: neuron-core's own code ({@link LayerSteps},
 * the same calls the CPU plan and DL4J's layer make) on host copies of the layer's parameters and input.
 */
final class Nd4jStepSizes implements StepSizeHost {
    private final StepPlan plan;

    Nd4jStepSizes(StepPlan plan) {
        this.plan = plan;
    }

    @Override
    public void prepare(PlanOp.QuantLinear op, Map<String, float[]> params, float[] input, long[] inputShape) {
        QuantizedLayer conf = plan.conf(op.name());
        Map<String, INDArray> views = new HashMap<>();
        params.forEach((key, v) -> views.put(key, Nd4j.createFromArray(v.clone())));
        INDArray x = Nd4j.createFromArray(input).reshape('c', inputShape);
        NeuronEngine engine = LayerSteps.engineFor(conf, x);
        LayerSteps.clampSteps(views::get);
        LayerSteps.initialise(conf, views::get, x);
        LayerSteps.renewWeightStep(conf, views::get);
        LayerSteps.renewSpikeSteps(conf, views::get, x, engine);
        params.forEach((key, v) -> System.arraycopy(views.get(key).toFloatVector(), 0, v, 0, v.length));
    }
}
