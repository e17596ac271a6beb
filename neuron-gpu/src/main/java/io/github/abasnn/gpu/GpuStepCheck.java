package io.github.abasnn.gpu;

import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import io.github.abasnn.gpu.cuda.MathMode;
import io.github.abasnn.gpu.step.GpuPlanStep;
import io.github.abasnn.gpu.step.StepSizeHost;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One full training step of the CPU plan ({@link StepFixture}: ResNet-20, the step after LSQ initialisation) taken on
 * the device in FP32 with cuDNN and cuBLAS held to FMA math: the score and every updated parameter and momentum within
 * 1e-4 relative (beside an absolute floor of 1e-6 for values near zero); the gradient's largest difference is
 * reported. Prints {@code gpu step: ok|FAIL (...)}.
 *
 * <pre>java -cp ... io.github.abasnn.gpu.GpuStepCheck [--device N] [--dry-run] step.bin</pre>
 * {@code --dry-run} reads the fixture and loads the classes the check uses, and touches no GPU.
 */
public final class GpuStepCheck {
    static final double TOLERANCE = 1e-4;
    static final double FLOOR = 1e-6;

    private GpuStepCheck() {}

    public static void main(String[] args) throws IOException {
        CheckArguments a = CheckArguments.parse(args);
        int device = a.device();
        boolean dryRun = a.dryRun();
        Path file = a.requireFile("gpu step");
        StepFixture f = StepFixture.read(file);
        BitLoss loss = bitLoss(f);
        if (dryRun) {
            int classes = DryRun.loadRuntimeClasses();
            System.out.printf(Locale.ROOT, "gpu step: dry run: %d ops, %d parameters, batch %d, bit loss %s; %d runtime"
                    + " classes found%n", f.plan().ops().size(), f.params().length, f.featureShape()[0],
                    f.bitTargets().isEmpty() ? "none" : f.bitTargets(), classes);
            System.exit(0);
        }
        CheckArguments.requireGpu("gpu step");
        try (CudaDevice d = new CudaDevice(device);
             GpuKernels k = new GpuKernels(d, KernelCompiler.withDefaultCache());
             GpuPlanStep step = new GpuPlanStep(k, MathMode.FMA, f.plan(), f.params(), f.state(), loss,
                     StepSizeHost.NONE)) {
            double score = step.step(f.features(), f.featureShape(), f.labels(), f.rules());
            String verdict = compare(f, score, step.gradient(), step.params(), step.updaterState());
            System.out.println("gpu step: " + verdict);
            System.exit(verdict.startsWith("ok") ? 0 : 1);
        }
    }

    static BitLoss bitLoss(StepFixture f) {
        if (f.bitTargets().isEmpty()) {
            return null;
        }
        double[] p = f.penalties();
        return new BitLoss(BitTargets.parse(f.bitTargets()), new BitPenalties(p[0], p[1], p[2]));
    }

    /** The verdict line: {@code ok (...)} or {@code FAIL (...)}, with the largest differences found. */
    static String compare(StepFixture f, double score, float[] gradient, float[] params, float[] state) {
        double scoreError = Math.abs(score - f.score()) / Math.max(Math.abs(f.score()), FLOOR);
        Worst p = worst(f.paramsAfter(), params);
        Worst s = worst(f.stateAfter(), state);
        Worst g = worst(f.gradient(), gradient);
        boolean ok = scoreError <= TOLERANCE && p.error <= TOLERANCE && s.error <= TOLERANCE;
        return String.format(Locale.ROOT, "%s (score %.6f vs CPU %.6f, rel %.2e; parameters max rel %.2e at %d;"
                        + " updater state max rel %.2e at %d; gradient max rel %.2e at %d, reported only)",
                ok ? "ok" : "FAIL", score, f.score(), scoreError, p.error, p.at, s.error, s.at, g.error, g.at);
    }

    record Worst(double error, int at) {}

    /** The largest relative difference, {@code |a - b| / max(|a|, FLOOR)}; NaN counts as infinite. */
    static Worst worst(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            return new Worst(Double.POSITIVE_INFINITY, -1);
        }
        double max = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double e = Math.abs((double) actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), FLOOR);
            if (Double.isNaN(e)) {
                e = Double.POSITIVE_INFINITY;
            }
            if (e > max) {
                max = e;
                at = i;
            }
        }
        return new Worst(max, at);
    }
}
