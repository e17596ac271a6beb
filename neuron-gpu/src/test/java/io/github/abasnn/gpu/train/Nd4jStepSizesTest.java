package io.github.abasnn.gpu.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.nn.NetworkOptions;
import io.github.abasnn.nn.ResNet20;
import io.github.abasnn.plan.PlanOp;
import io.github.abasnn.plan.PlanSpec;
import io.github.abasnn.plan.StepPlan;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.renewal.RenewalPolicy;
import io.github.abasnn.train.CosineSchedule;
import java.util.LinkedHashMap;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * What the device step hands to the host comes back as DL4J's own training forward leaves it: each quantized layer's
 * step sizes and renewal state after LSQ initialisation from the layer's input, for the stem (signed input) and the
 * layer after it.
 */
class Nd4jStepSizesTest {

    @Test
    void initialisationOnTheHostEqualsDl4jsTrainingForward() {
        NetworkOptions o = new NetworkOptions(4, 4, 2, true, true, RenewalPolicy.ACTIVATION, Firing.ROUND, 1.0,
                new Nesterovs(new CosineSchedule(0.1, 100), 0.9), new Nesterovs(new CosineSchedule(0.01, 100), 0.9),
                new Nesterovs(new CosineSchedule(0.5, 100), 0.9), 5e-4);
        ComputationGraph g = new ComputationGraph(ResNet20.build(4, 3, 32, 32, 10, o, 7));
        g.init();
        StepPlan plan = StepPlan.of(g);
        PlanSpec spec = plan.spec();
        float[] before = g.params().toFloatVector();
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 3, 32, 32);
        Map<String, INDArray> acts = g.feedForward(x, true); // DL4J's layers initialise as they go
        float[] after = g.params().toFloatVector();
        Nd4jStepSizes host = new Nd4jStepSizes(plan);
        int checked = 0;
        for (PlanOp op : spec.ops()) {
            if (!(op instanceof PlanOp.QuantLinear q) || checked == 2) {
                continue;
            }
            INDArray input = q.input() == 0 ? x : acts.get(producer(spec, q.input()).name());
            Map<String, float[]> params = new LinkedHashMap<>();
            for (PlanSpec.Slice s : spec.slices()) {
                if (s.layer().equals(q.name())) {
                    float[] v = new float[(int) s.length()];
                    System.arraycopy(before, (int) s.offset(), v, 0, v.length);
                    params.put(s.key(), v);
                }
            }
            float[] stepsBefore = params.get("sSteps").clone();
            host.prepare(q, params, input.dup('c').data().asFloat(), input.shape());
            for (PlanSpec.Slice s : spec.slices()) {
                if (s.layer().equals(q.name())) {
                    float[] expected = new float[(int) s.length()];
                    System.arraycopy(after, (int) s.offset(), expected, 0, expected.length);
                    assertArrayEquals(expected, params.get(s.key()), 1e-7f, q.name() + "/" + s.key());
                }
            }
            assertNotEquals(stepsBefore[0], params.get("sSteps")[0], "LSQ initialisation moved the spike step");
            checked++;
        }
        assertTrue(checked == 2);
    }

    private static PlanOp producer(PlanSpec spec, int value) {
        return spec.ops().stream().filter(op -> op.output() == value).findFirst().orElseThrow();
    }
}
