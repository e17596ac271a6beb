package io.github.abasnn.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.nn.Networks;
import java.util.List;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;

/** The plan a graph derives: its parameter layout is DL4J's, its ops cover the builders, anything else is refused. */
class StepPlanTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "resnet19", "sew-resnet18", "sew-resnet34", "vgg-snn", "spike-mlp"})
    void layoutIsDl4jsFlatParametersAndUpdaterState(String network) {
        ComputationGraph g = new ComputationGraph(CpuPlanStepTest.build(network, true));
        g.init();
        StepPlan plan = StepPlan.of(g);
        ParamLayout layout = plan.layout();
        assertEquals(g.numParams(), layout.length());
        for (ParamSlice p : layout.slices()) {
            INDArray own = g.getLayer(p.layer()).getParam(p.key());
            assertEquals(own.length(), p.length(), p.qualifiedName());
            assertEquals(own.reshape(own.length()), ParamLayout.view(g.params(), p), p.qualifiedName());
        }
        assertEquals(g.getUpdater().getStateViewArray().length(), layout.stateLength());
        // weights decay, running statistics move without an updater and undivided by the batch
        assertTrue(layout.slices().stream().filter(p -> p.key().equals("W")).allMatch(p -> !p.regularization().isEmpty()));
        assertTrue(layout.slices().stream().filter(p -> !p.key().equals("W")).allMatch(p -> p.regularization().isEmpty()));
        List<ParamSlice> running = layout.slices().stream().filter(p -> p.key().equals("mean")).toList();
        assertTrue(!running.isEmpty() && running.stream().allMatch(p -> p.updater() instanceof NoOp && !p.divideByBatch()));
        assertEquals(g.getLayers().length, plan.ops().stream().filter(op -> !(op instanceof PlanOp.Add
                || op instanceof PlanOp.TimeFold || op instanceof PlanOp.TimeMean || op instanceof PlanOp.Flatten)).count(),
                "one op per layer");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "sew-resnet18", "vgg-snn", "spike-mlp"})
    void itsSpecRoundTripsThroughJson(String network) {
        ComputationGraph g = new ComputationGraph(CpuPlanStepTest.build(network, true));
        g.init();
        StepPlan plan = StepPlan.of(g);
        PlanSpec spec = plan.spec();
        String json = spec.toJson();
        assertEquals(spec, PlanSpec.fromJson(json));
        assertEquals(plan.layout().length(), spec.length());
        assertEquals(plan.ops().size(), spec.ops().size());
        assertEquals(plan.layout().slices().size(), plan.rules(3, 0).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanSpec.fromJson(json.replace("\"op\":\"Relu\"", "\"op\":\"Gelu\"")));
        assertTrue(e.getMessage().contains("Gelu"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "resnet19", "sew-resnet18", "vgg-snn", "spike-mlp"})
    void itsValueShapesAreTheShapesDl4jComputes(String network) {
        ComputationGraph g = new ComputationGraph(CpuPlanStepTest.build(network, true));
        g.init();
        PlanSpec spec = StepPlan.of(g).spec();
        org.nd4j.linalg.dataset.DataSet batch = CpuPlanStepTest.batch(network, 4, 1);
        java.util.Map<String, INDArray> activations = g.feedForward(batch.getFeatures(), false);
        long[][] shapes = spec.shapes(batch.getFeatures().shape());
        int compared = 0;
        for (PlanOp op : spec.ops()) {
            INDArray a = activations.get(op.name());
            if (a != null && !(op instanceof PlanOp.SoftmaxCrossEntropy)) {
                assertEquals(java.util.Arrays.toString(a.shape()), java.util.Arrays.toString(shapes[op.output()]),
                        op.name());
                compared++;
            }
        }
        assertTrue(compared >= spec.ops().size() - 3, "compared " + compared + " of " + spec.ops().size());
    }

    @Test
    void refusesALayerItHasNoOpForNamingIt() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().updater(new Nesterovs(0.1, 0.9))
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("plain_dense", new DenseLayer.Builder().nOut(3).build(), "in")
                .addLayer("out", new OutputLayer.Builder().nOut(2).build(), "plain_dense")
                .setOutputs("out").build());
        g.init();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StepPlan.of(g));
        assertTrue(e.getMessage().contains("plain_dense") && e.getMessage().contains("DenseLayer"), e.getMessage());
    }
}
