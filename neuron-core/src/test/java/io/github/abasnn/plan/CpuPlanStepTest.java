package io.github.abasnn.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.nn.BatchNormHelper;
import io.github.abasnn.nn.NetworkOptions;
import io.github.abasnn.nn.Networks;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.renewal.RenewalPolicy;
import io.github.abasnn.train.BitLossListener;
import io.github.abasnn.train.CosineSchedule;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/**
 * The CPU plan's training step equals DL4J's own step for every network builder: the score, every parameter's
 * gradient (cross-entropy and bit loss), and the parameters and updater state after two steps (the first
 * initialises the step sizes, the second runs with momentum), with the trainer's updaters (per-group cosine rates,
 * Nesterov, weight decay on weights only, a separate bit-width group) and, for learned allocations, the bit loss.
 */
class CpuPlanStepTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0} learned={1}")
    @CsvSource({"resnet20, true", "resnet20, false", "resnet19, true", "sew-resnet18, true", "vgg-snn, true",
            "spike-mlp, true"})
    void twoStepsEqualDl4js(String network, boolean learned) {
        ComputationGraphConfiguration conf = build(network, learned);
        ComputationGraph dl4j = new ComputationGraph(conf);
        dl4j.init();
        BatchNormHelper.install(dl4j);
        BitLoss bitLoss = learned ? new BitLoss(BitTargets.parse("2/2/1"), new BitPenalties(0.05, 0.05, 0.02)) : null;
        if (bitLoss != null) {
            dl4j.setListeners(new BitLossListener(bitLoss));
        }
        // a twin whose gradient is read before DL4J's updater turns it into the update
        ComputationGraph probe = new ComputationGraph(conf.clone());
        probe.init(dl4j.params().dup(), true);
        BatchNormHelper.install(probe);

        StepPlan plan = StepPlan.of(dl4j);
        CpuPlanStep step = new CpuPlanStep(plan, dl4j.params(), Nd4j.zeros(DataType.FLOAT, plan.layout().stateLength()),
                bitLoss);
        for (int s = 0; s < 2; s++) {
            DataSet batch = batch(network, 6, 100 + s);
            if (s == 0) {
                probe.setInputs(batch.getFeatures());
                probe.setLabels(batch.getLabels());
                probe.computeGradientAndScore();
                if (bitLoss != null) {
                    new BitLossListener(bitLoss).onGradientCalculation(probe);
                }
            }
            int iteration = dl4j.getIterationCount();
            int epoch = dl4j.getEpochCount();
            dl4j.fit(batch);
            double score = step.step(batch.getFeatures(), batch.getLabels(), iteration, epoch);
            assertEquals(dl4j.score(), score, TOLERANCE * Math.max(1, Math.abs(dl4j.score())), "score, step " + s);
            if (s == 0) {
                assertSlicesClose(plan.layout(), probe.gradient().gradient(), step.gradient(), "gradient");
            }
            assertSlicesClose(plan.layout(), dl4j.params(), step.params(), "parameters after step " + s);
            INDArray dl4jState = dl4j.getUpdater().getStateViewArray();
            assertEquals(dl4jState.length(), step.updaterState().length(), "updater state length");
            assertClose(dl4jState, step.updaterState(), "updater state after step " + s);
        }
    }

    static ComputationGraphConfiguration build(String network, boolean learned) {
        int total = 10;
        NetworkOptions o = new NetworkOptions(4, 4, 2, learned, learned, RenewalPolicy.ACTIVATION, Firing.ROUND, 0.5,
                new Nesterovs(new CosineSchedule(0.1, total), 0.9), new Nesterovs(new CosineSchedule(0.01, total), 0.9),
                new Nesterovs(new CosineSchedule(0.001, total), 0.9), 5e-4)
                .withBitWidthUpdater(new Nesterovs(new CosineSchedule(0.02, total), 0.9));
        return switch (network) {
            case "vgg-snn" -> Networks.build(network, 2, 2, 16, 16, 3, o.withFrames(2), 7);
            case "spike-mlp" -> Networks.build(network, 8, 12, 1, 1, 3, o.withFrames(2), 7);
            case "sew-resnet18" -> Networks.build(network, 2, 3, 32, 32, 3, o, 7);
            default -> Networks.build(network, 2, 3, 8, 8, 3, o, 7);
        };
    }

    static DataSet batch(String network, int n, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = switch (network) {
            case "vgg-snn" -> Nd4j.rand(DataType.FLOAT, n, 4, 16, 16);
            case "spike-mlp" -> Nd4j.rand(DataType.FLOAT, n, 24);
            case "sew-resnet18" -> Nd4j.randn(DataType.FLOAT, n, 3, 32, 32);
            default -> Nd4j.randn(DataType.FLOAT, n, 3, 8, 8);
        };
        INDArray y = Nd4j.zeros(DataType.FLOAT, n, 3);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, (i * 7 + seed) % 3, 1);
        }
        return new DataSet(x, y);
    }

    /** Each parameter's slice within the tolerance relative to that slice's largest magnitude. */
    static void assertSlicesClose(ParamLayout layout, INDArray expected, INDArray actual, String what) {
        for (ParamSlice p : layout.slices()) {
            INDArray e = ParamLayout.view(expected, p);
            INDArray a = ParamLayout.view(actual, p);
            double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
            double diff = e.castTo(DataType.DOUBLE).sub(a.castTo(DataType.DOUBLE)).amaxNumber().doubleValue();
            assertTrue(diff <= TOLERANCE * scale, what + ": " + p.qualifiedName() + " differs by " + diff
                    + " (largest magnitude " + e.amaxNumber() + ")");
        }
    }

    static void assertClose(INDArray expected, INDArray actual, String what) {
        INDArray e = expected.reshape(expected.length()).castTo(DataType.DOUBLE);
        INDArray a = actual.reshape(actual.length()).castTo(DataType.DOUBLE);
        double diff = e.sub(a).amaxNumber().doubleValue();
        double scale = Math.max(1e-3, e.amaxNumber().doubleValue());
        assertTrue(diff <= TOLERANCE * scale, what + " differs by " + diff);
    }
}
