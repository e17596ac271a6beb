package io.github.abasnn.bench;

import io.github.abasnn.cost.LayerAllocation;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.nn.NetworkOptions;
import io.github.abasnn.nn.ResNet20;
import io.github.abasnn.nn.SpikingGraph;
import io.github.abasnn.profile.Phase;
import io.github.abasnn.profile.PhaseTimes;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.renewal.RenewalPolicy;
import io.github.abasnn.train.BitLossListener;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Times training steps of ResNet-20 (width 16, 3x32x32, batch 64, init 4/4/2, bits and T learnable, bit loss on)
 * and prints images/s, achieved GFLOP/s (6 flops per MAC per image: forward, and two backward products), this
 * machine's sgemm rate from the same run, where a step's time goes ({@link PhaseTimes}: convolutions, neuron,
 * quantizers, renewal, bit loss, updater, the rest), and peak heap and off-heap memory. The last line is
 * {@code images/s: <number>}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Training-step benchmark of ResNet-20.")
public final class TrainStepBench implements Callable<Integer> {
    @Option(names = "--width", defaultValue = "16")
    int width;
    @Option(names = "--batch", defaultValue = "64")
    int batch;
    @Option(names = "--size", defaultValue = "32", description = "input height and width")
    int size;
    @Option(names = "--warmup", defaultValue = "5")
    int warmup;
    @Option(names = "--steps", defaultValue = "20")
    int steps;
    @Option(names = "--seed", defaultValue = "42")
    long seed;
    @Option(names = "--engine", defaultValue = "dl4j", description = "who runs the step: dl4j | plan"
            + " (dl4j: DL4J's fit; plan: the step plan's CPU backend, the device backend's reference)")
    StepEngine engine;

    private long peakHeap;
    private long peakOffHeap;

    @Override
    public Integer call() {
        double[] sgemmBefore = sgemmGflops();

        NetworkOptions o = new NetworkOptions(4, 4, 2, true, true, RenewalPolicy.ACTIVATION, Firing.ROUND, 1.0,
                new Nesterovs(0.1, 0.9), new Nesterovs(0.1, 0.9), new Nesterovs(0.01, 0.9), 1e-4);
        ComputationGraph g = new ComputationGraph(ResNet20.build(width, 3, size, size, 10, o, seed));
        g.init();
        io.github.abasnn.nn.BatchNormHelper.install(g);
        BitLoss bitLoss = new BitLoss(BitTargets.parse("2/2/1"), new BitPenalties(0.04, 0.04, 0.01));
        g.setListeners(new BitLossListener(bitLoss), new UpdaterClock());
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, batch, 3, size, size);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % 10, 1);
        }
        DataSet ds = new DataSet(x, y);
        Runnable step = switch (engine) {
            case DL4J -> () -> g.fit(ds);
            case PLAN -> planStep(g, bitLoss, x, y);
        };
        for (int i = 0; i < warmup; i++) {
            step.run();
            sampleMemory();
        }
        PhaseTimes.enable(true);
        long start = System.nanoTime();
        for (int i = 0; i < steps; i++) {
            step.run();
            sampleMemory();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        PhaseTimes.enable(false);
        double[] phases = new double[Phase.values().length];
        for (Phase p : Phase.values()) {
            phases[p.ordinal()] = PhaseTimes.seconds(p);
        }
        double imagesPerSecond = steps * (double) batch / seconds;
        double[] sgemmAfter = sgemmGflops();
        // the best block of either probe: this machine's rate swings by half between runs, and the steps' rate is
        // set against what the multiply can do, not against a slow moment of it
        double sgemm = Math.max(sgemmBefore[1], sgemmAfter[1]);
        System.out.printf(Locale.ROOT, "sgemm (1024x1024, float): best %.1f GFLOP/s (blocks of %d multiplies before the"
                + " steps %.1f-%.1f, after %.1f-%.1f)%n", sgemm, SGEMM_REPS, sgemmBefore[0], sgemmBefore[1],
                sgemmAfter[0], sgemmAfter[1]);

        if (engine == StepEngine.PLAN) {
            g.setParams(planned.params());
        }
        g.outputSingle(false, x); // one evaluation pass so every layer has seen input for the MAC count
        long macs = 0;
        for (LayerAllocation a : SpikingGraph.allocation(SpikingGraph.layers(g))) {
            macs += a.shape().macs();
        }
        double gflops = 6.0 * macs * imagesPerSecond / 1e9;
        System.out.printf(Locale.ROOT, "model: ResNet-20 width %d, %dx%dx%d, batch %d, %.1f MMAC per image (quantized"
                + " convs and dense; BN and pooling not counted); step engine %s%n", width, 3, size, size, batch,
                macs / 1e6, engine.name().toLowerCase(Locale.ROOT));
        System.out.printf(Locale.ROOT, "steps: %d timed after %d warm-up, %.2f s per step%n", steps, warmup,
                seconds / steps);
        System.out.printf(Locale.ROOT, "achieved: %.1f GFLOP/s (%.0f%% of this run's best sgemm rate)%n", gflops,
                100 * gflops / sgemm);
        System.out.println("where a step's time goes (ms per step, % of the step):");
        double timed = 0;
        for (Phase p : Phase.values()) {
            double ms = 1000 * phases[p.ordinal()] / steps;
            timed += phases[p.ordinal()];
            System.out.printf(Locale.ROOT, "  %-28s %8.1f  %5.1f%%%n", p.label(), ms, 100 * phases[p.ordinal()] / seconds);
        }
        System.out.printf(Locale.ROOT, "  %-28s %8.1f  %5.1f%%%n", "the rest: ReLU, pooling,", 1000 * (seconds - timed)
                / steps, 100 * (seconds - timed) / seconds);
        System.out.println(engine == StepEngine.DL4J ? "    residual adds, loss, DL4J's own work"
                : "    residual adds, loss, the plan's bookkeeping");
        System.out.printf(Locale.ROOT, "memory: peak heap %.0f MiB, peak off-heap %.0f MiB (javacpp physical bytes"
                + " of the process)%n", peakHeap / 1048576.0, peakOffHeap / 1048576.0);
        System.out.printf(Locale.ROOT, "images/s: %.1f%n", imagesPerSecond);
        return 0;
    }

    /** The CPU plan's step when the plan runs the steps (its parameters go back into the network afterwards). */
    private io.github.abasnn.plan.CpuPlanStep planned;

    /** The step plan of {@code g} on its CPU backend with {@code bitLoss}, stepping on {@code x, y}. */
    private Runnable planStep(ComputationGraph g, BitLoss bitLoss, INDArray x, INDArray y) {
        io.github.abasnn.plan.StepPlan plan = io.github.abasnn.plan.StepPlan.of(g);
        planned = new io.github.abasnn.plan.CpuPlanStep(plan, g.params(),
                Nd4j.zeros(g.params().dataType(), plan.layout().stateLength()), bitLoss);
        int[] iteration = {0};
        return () -> planned.step(x, y, iteration[0]++, 0);
    }

    /** Times the updater: from the gradient being final (after the bit loss) to the iteration's end. */
    private static final class UpdaterClock extends org.deeplearning4j.optimize.api.BaseTrainingListener {
        private long gradientDone;

        @Override
        public void onGradientCalculation(org.deeplearning4j.nn.api.Model model) {
            gradientDone = PhaseTimes.start();
        }

        @Override
        public void iterationDone(org.deeplearning4j.nn.api.Model model, int iteration, int epoch) {
            PhaseTimes.stop(Phase.UPDATER, gradientDone);
            gradientDone = 0;
        }
    }

    private void sampleMemory() {
        Runtime rt = Runtime.getRuntime();
        peakHeap = Math.max(peakHeap, rt.totalMemory() - rt.freeMemory());
        peakOffHeap = Math.max(peakOffHeap, Pointer.physicalBytes());
    }

    private static final int SGEMM_REPS = 10;
    private static final int SGEMM_BLOCKS = 5;

    /**
     * sgemm rate of ND4J's BLAS on this machine ({@code 2 n^3} flops per multiply), in {@value #SGEMM_BLOCKS} timed
     * blocks of {@value #SGEMM_REPS} multiplies: the slowest and the fastest block's rate.
     */
    static double[] sgemmGflops() {
        int n = 1024;
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n);
        INDArray c = Nd4j.create(DataType.FLOAT, n, n);
        for (int i = 0; i < 3; i++) {
            Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int block = 0; block < SGEMM_BLOCKS; block++) {
            long start = System.nanoTime();
            for (int i = 0; i < SGEMM_REPS; i++) {
                Nd4j.gemm(a, b, c, false, false, 1.0, 0.0);
            }
            double rate = SGEMM_REPS * 2.0 * n * n * n / ((System.nanoTime() - start) / 1e9) / 1e9;
            min = Math.min(min, rate);
            max = Math.max(max, rate);
        }
        return new double[] {min, max};
    }
}
