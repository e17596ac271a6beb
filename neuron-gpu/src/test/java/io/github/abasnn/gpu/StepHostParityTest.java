package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.abasnn.kernel.FusedBatchNorm;
import io.github.abasnn.plan.CpuPlanStep;
import io.github.abasnn.plan.ParamSlice;
import io.github.abasnn.plan.UpdateRule;
import io.github.abasnn.train.CosineSchedule;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The step kernels' element functions ({@code kernels/step_elements.cuh}: the fused updater, batch norm, the softmax
 * cross-entropy) on the host against the CPU plan's ops ({@code plan.CpuPlanStep}, {@code kernel.FusedBatchNorm}).
 * The device's reductions around them are left to {@code submit/gpu/check.sh}.
 */
class StepHostParityTest {
    static HostHarness harness;

    @BeforeAll
    static void build() throws Exception {
        harness = HostHarness.shared();
    }

    private static float[] values(long seed, int n, double sd) {
        Random r = new Random(seed);
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) (sd * r.nextGaussian());
        }
        return out;
    }

    private static double[] doubles(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    @ParameterizedTest(name = "{0} divide={1} l2={2}")
    @CsvSource({"nesterov, true, 5e-4", "nesterov, false, 0", "sgd, true, 1e-3", "none, false, 0"})
    void fusedUpdaterMatchesTheCpuPlan(String kind, boolean divide, double l2) throws IOException {
        IUpdater updater = switch (kind) {
            case "nesterov" -> new Nesterovs(new CosineSchedule(0.1, 50), 0.9);
            case "sgd" -> new Sgd(0.05);
            default -> new NoOp();
        };
        List<Regularization> regs = l2 == 0 ? List.of() : List.of(new L2Regularization(l2));
        int n = 3000;
        ParamSlice slice = new ParamSlice("conv", "W", 0, n, 0, updater.stateSize(n), updater, regs, divide);
        UpdateRule rule = slice.rule(17, 1);
        float[] p = values(1, n, 0.3);
        float[] v = values(2, n, 0.01);
        float[] g = values(3, n, 4);
        long batch = 64;

        INDArray w = Nd4j.createFromArray(p);
        INDArray grad = Nd4j.createFromArray(g);
        INDArray state = Nd4j.createFromArray(v);
        CpuPlanStep.updateSlice(rule, w, grad, state, batch);

        int code = switch (rule.kind()) {
            case NONE -> 0;
            case SGD -> 1;
            case NESTEROV -> 2;
        };
        double[] pv = DoubleStream.concat(DoubleStream.of(doubles(p)), DoubleStream.of(doubles(v))).toArray();
        Map<String, double[]> dev = harness.run(String.format(Locale.ROOT, "update %d %d %d %s %s %s %d", code,
                divide ? 1 : 0, batch, rule.learningRate(), rule.momentum(), rule.l2(), n), pv, doubles(g));
        assertClose(w.toDoubleVector(), dev.get("params"), 0, "parameters"); // the same float operations in the same order
        if (rule.kind() == UpdateRule.Kind.NESTEROV) {
            assertClose(state.toDoubleVector(), dev.get("state"), 0, "momentum");
        }
    }

    @Test
    void batchNormMatchesTheCpuKernel() throws IOException {
        int n = 6;
        int c = 5;
        int plane = 49;
        double eps = 1e-5;
        float[] x = values(4, n * c * plane, 2);
        float[] gamma = values(5, c, 1);
        float[] beta = values(6, c, 0.5);
        float[] dy = values(7, n * c * plane, 1);
        INDArray xa = Nd4j.createFromArray(x).reshape('c', n, c, 7, 7);
        INDArray mean = Nd4j.create(DataType.FLOAT, c);
        INDArray var = Nd4j.create(DataType.FLOAT, c);
        FusedBatchNorm.statistics(xa, mean, var);
        INDArray y = xa.ulike();
        FusedBatchNorm.forward(xa, mean, var, Nd4j.createFromArray(gamma), Nd4j.createFromArray(beta), eps, y);
        INDArray dx = xa.ulike();
        INDArray dGamma = Nd4j.create(DataType.FLOAT, c);
        INDArray dBeta = Nd4j.create(DataType.FLOAT, c);
        FusedBatchNorm.backward(xa, Nd4j.createFromArray(dy).reshape('c', n, c, 7, 7), mean, var,
                Nd4j.createFromArray(gamma), eps, dx, dGamma, dBeta);

        double[] in = DoubleStream.concat(DoubleStream.concat(DoubleStream.of(doubles(x)), DoubleStream.of(doubles(gamma))),
                DoubleStream.of(doubles(beta))).toArray();
        Map<String, double[]> dev = harness.run(String.format(Locale.ROOT, "bn %d %d %d %s", n, c, plane, eps), in,
                doubles(dy));
        // the CPU keeps its statistics in the layer's type (float); the device keeps them in double
        assertClose(mean.toDoubleVector(), dev.get("mean"), 1e-6, "mean");
        assertClose(var.toDoubleVector(), dev.get("var"), 1e-6, "variance");
        assertClose(y.reshape(-1).toDoubleVector(), dev.get("y"), 1e-5, "output");
        assertClose(dx.reshape(-1).toDoubleVector(), dev.get("dx"), 1e-5, "input gradient");
        assertClose(dGamma.toDoubleVector(), dev.get("dgamma"), 1e-5, "gamma gradient");
        assertClose(dBeta.toDoubleVector(), dev.get("dbeta"), 1e-5, "beta gradient");
    }

    @Test
    void softmaxCrossEntropyMatchesNd4j() throws IOException {
        int rows = 40;
        int k = 10;
        float[] z = values(8, rows * k, 3);
        z[0] = 60; // one confident row: its other probabilities are clipped in the loss
        float[] y = new float[rows * k];
        for (int r = 0; r < rows; r++) {
            y[r * k + (r * 3) % k] = 1;
        }
        INDArray p = Transforms.softmax(Nd4j.createFromArray(z).reshape(rows, k), true);
        INDArray labels = Nd4j.createFromArray(y).reshape(rows, k);
        INDArray clipped = Transforms.max(Transforms.min(p, 1 - 1e-10, true), 1e-10, false);
        double loss = -Transforms.log(clipped, false).muli(labels).sumNumber().doubleValue();

        Map<String, double[]> dev = harness.run(String.format(Locale.ROOT, "xent %d %d %s", rows, k, 1e-10),
                doubles(z), doubles(y));
        assertClose(p.reshape(-1).toDoubleVector(), dev.get("p"), 1e-6, "probabilities");
        assertClose(p.sub(labels).reshape(-1).toDoubleVector(), dev.get("grad"), 1e-6, "logit gradient");
        assertEquals(loss, dev.get("loss")[0], 1e-5 * Math.abs(loss), "loss");
    }

    /** Within {@code tolerance} of the expected array's largest magnitude. */
    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 1e-12;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        if (worst > tolerance * scale) {
            throw new AssertionError(what + ": differs by " + worst + " (largest magnitude " + scale + ")");
        }
    }
}
