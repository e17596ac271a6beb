package io.github.abasnn.gpu.bench;

import io.github.abasnn.gpu.GpuKernels;
import io.github.abasnn.gpu.cuda.CudaCalls;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.DeviceClock;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import io.github.abasnn.gpu.cuda.MathMode;
import io.github.abasnn.gpu.step.GpuPlanStep;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.nn.QuantParams;
import io.github.abasnn.plan.PlanOp;
import io.github.abasnn.plan.QuantLayerSpec;
import io.github.abasnn.profile.Phase;
import io.github.abasnn.quant.BitWidth;
import io.github.abasnn.renewal.RenewalLayout;
import java.io.IOException;
import java.util.Map;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Times training steps of a {@link BenchModel} on one GPU: random N(0, 1) images and one-hot labels copied in every
 * step as a trainer would, the score read back every step (so the timer includes the device's work), after warm-up
 * steps. Prints {@code images/s: N} last.
 *
 * <pre>java -cp ... io.github.abasnn.gpu.bench.GpuStepBench [--device N] [--batch 64,128] [--math fma,tf32]
 *     [--warmup 5] [--steps 20] model.bin...</pre>
 * One line per model, batch and math mode (FP32 is FMA math), in that order; {@code images/s} of the last.
 */
public final class GpuStepBench {
    private GpuStepBench() {}

    public static void main(String[] args) throws IOException {
        int device = 0;
        List<Integer> batches = List.of(128);
        int warmup = 5;
        int steps = 20;
        List<MathMode> maths = List.of(MathMode.FMA);
        List<Path> files = new ArrayList<>();
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dry-run" -> dryRun = true;
                case "--device" -> device = Integer.parseInt(args[++i]);
                case "--batch" -> batches = Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--math" -> maths = Arrays.stream(args[++i].split(","))
                        .map(m -> MathMode.valueOf(m.trim().toUpperCase(Locale.ROOT))).toList();
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("gpu bench: no model file");
            System.exit(2);
        }
        List<BenchModel> models = new ArrayList<>();
        for (Path f : files) {
            models.add(BenchModel.read(f));
        }
        if (dryRun) {
            for (BenchModel m : models) {
                System.out.printf(Locale.ROOT, "gpu bench: dry run: %s, %d parameters, %d ops%n", m.name(),
                        m.params().length, m.plan().ops().size());
            }
            System.exit(0);
        }
        String why = CudaCalls.unavailableReason();
        if (why != null) {
            System.out.println("gpu bench: no GPU to run on: " + why);
            System.exit(3);
        }
        try (CudaDevice d = new CudaDevice(device);
             GpuKernels k = new GpuKernels(d, KernelCompiler.withDefaultCache())) {
            System.out.println("gpu bench: " + d);
            double rate = 0;
            for (BenchModel m : models) {
                for (int batch : batches) {
                    for (MathMode math : maths) {
                        Timing t = run(k, m, batch, math, warmup, steps);
                        rate = t.imagesPerSecond();
                        System.out.printf(Locale.ROOT, "gpu bench: %s, batch %d, %s: %.1f images/s%n", m.name(),
                                batch, math == MathMode.FMA ? "FP32" : "TF32", rate);
                        System.out.println("gpu bench:   " + t.breakdown());
                    }
                }
            }
            System.out.printf(Locale.ROOT, "images/s: %.1f%n", rate);
        }
    }

    /**
     * The bench's host for a bit width that moves mid-run: records the new widths as fitted without searching new
     * step sizes. Renewal is rare and host-side in training; the bench times steps, not renewal.
     */
    static void recordWidths(PlanOp.QuantLinear op, Map<String, float[]> params, float[] input, long[] shape) {
        QuantLayerSpec spec = op.layer();
        int n = spec.neuronSteps();
        float[] state = params.get(QuantParams.STATE);
        state[RenewalLayout.weightOldBit(n)] = BitWidth.effective(params.get(QuantParams.WEIGHT_BITS)[0], spec.weightBitBound());
        float[] bits = params.get(QuantParams.SPIKE_BITS);
        for (int t = 0; t < n; t++) {
            state[RenewalLayout.oldBit(n, t)] = BitWidth.effective(bits[t], spec.spikeBitBound());
        }
        if (state[RenewalLayout.initialised(n)] == 0) {
            throw new IllegalStateException("the bench model's layer " + op.name() + " is not initialised");
        }
    }

    /**
     * A bench's figures: images per second over the timed steps, and per step the milliseconds of each phase (CUDA
     * events, in {@link Phase} order) and of the whole step (wall clock), timed in a second run of the same steps.
     */
    public record Timing(double imagesPerSecond, double[] phaseMillis, double stepMillis) {
        /** {@code ms per step: conv/dense forward 1.2, ..., the rest 0.4 (of 9.8)}. */
        public String breakdown() {
            StringBuilder b = new StringBuilder("ms per step:");
            double sum = 0;
            for (Phase p : Phase.values()) {
                double ms = phaseMillis[p.ordinal()];
                sum += ms;
                b.append(String.format(Locale.ROOT, " %s %.2f,", p.label(), ms));
            }
            return b.append(String.format(Locale.ROOT, " the rest %.2f (of %.2f)", Math.max(0, stepMillis - sum),
                    stepMillis)).toString();
        }
    }

    /**
     * Images per second over {@code steps} timed steps after {@code warmup}; then the same steps again with every
     * phase timed (the events add a little work, so the rate comes from the untimed run).
     */
    public static Timing run(GpuKernels k, BenchModel m, int batch, MathMode math, int warmup, int steps) {
        BitLoss loss = m.bitTargets().isEmpty() ? null : new BitLoss(BitTargets.parse(m.bitTargets()),
                new BitPenalties(m.penalties()[0], m.penalties()[1], m.penalties()[2]));
        float[] params = m.parameters(42);
        long[] shape = new long[m.input().length + 1];
        shape[0] = batch;
        System.arraycopy(m.input(), 0, shape, 1, m.input().length);
        long per = 1;
        for (long s : m.input()) {
            per *= s;
        }
        Random r = new Random(7);
        float[] x = new float[(int) (batch * per)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] y = new float[batch * m.classes()];
        for (int i = 0; i < batch; i++) {
            y[i * m.classes() + r.nextInt(m.classes())] = 1;
        }
        try (GpuPlanStep step = new GpuPlanStep(k, math, m.plan(), params, new float[(int) m.plan().stateLength()],
                loss, GpuStepBench::recordWidths)) {
            for (int i = 0; i < warmup; i++) {
                step.step(x, shape, y, m.rules());
            }
            long start = System.nanoTime();
            for (int i = 0; i < steps; i++) {
                double score = step.step(x, shape, y, m.rules());
                if (!Double.isFinite(score)) {
                    throw new IllegalStateException("the bench's score is " + score + " at step " + i);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            try (DeviceClock clock = new DeviceClock(k.device(), true)) {
                step.clock(clock);
                long timed = System.nanoTime();
                for (int i = 0; i < steps; i++) {
                    step.step(x, shape, y, m.rules());
                }
                double wall = (System.nanoTime() - timed) / 1e6 / steps;
                double[] ms = clock.millis();
                for (int p = 0; p < ms.length; p++) {
                    ms[p] /= steps;
                }
                return new Timing(batch * steps / seconds, ms, wall);
            }
        }
    }
}
