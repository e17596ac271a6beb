package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.abasnn.kernel.FusedEventNeuron;
import io.github.abasnn.kernel.FusedNeuron;
import io.github.abasnn.kernel.FusedTimeFreeNeuron;
import io.github.abasnn.kernel.FusedWeightEngine;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.quant.StepGradient;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The kernels' per-element arithmetic ({@code kernels/elements.cuh}) and the host's finishing of their sums
 * ({@link GradientSums}) against neuron-core's CPU kernels, on the host: nvcc builds a harness from the same element
 * functions the device kernels call, and every output, spike count and gradient must match. What only a GPU can check
 * (the grid-stride loops and warp reductions around them) is left to {@code submit/gpu/check.sh}.
 */
class HostParityTest {
    static HostHarness harness;

    @BeforeAll
    static void build() throws Exception {
        harness = HostHarness.shared();
    }

    /** Gaussian values around {@code mean}: many inside the range, some clipped at either end. */
    private static double[] values(long seed, int n, double mean, double sd) {
        Random r = new Random(seed);
        return DoubleStream.generate(() -> mean + sd * r.nextGaussian()).limit(n).toArray();
    }

    private static Map<String, double[]> runHarness(String header, double[] a, double[] b) throws IOException {
        return harness.run(header, a, b);
    }

    @ParameterizedTest(name = "time-free T={0} bits={1} signed={2} firing={3} decay={4}")
    @CsvSource({"1, 1, false, ROUND, 1", "3, 2, false, ROUND, 1", "4, 3, false, FLOOR, 0.8", "2, 1, true, ROUND, 1",
        "4, 8, true, ROUND, 1", "3, 4, false, ROUND, 0.5"})
    void timeFreeNeuronMatchesTheCpuKernel(int t, int bits, boolean signed, Firing firing, double decay)
            throws IOException {
        int n = 5000;
        double[] x = values(t * 31L + bits, n, signed ? 0 : 0.4, 1);
        double[] go = values(t * 37L + bits, n, 0, 1);
        double[] steps = new double[t];
        int[] widths = new int[t];
        for (int s = 0; s < t; s++) {
            steps[s] = 0.2 + 0.07 * s;
            widths[s] = s % 2 == 0 ? bits : Math.max(1, bits - 1);
        }
        FusedNeuron cpu = new FusedTimeFreeNeuron(signed, decay, firing);
        INDArray xa = Nd4j.createFromArray(x);
        INDArray out = xa.like();
        long[] nonzero = cpu.forward(xa, out, t, steps, widths, true);
        INDArray gradX = xa.like();
        FusedNeuron.Gradients g = cpu.backward(xa, Nd4j.createFromArray(go), gradX, t, steps, widths);

        Map<String, double[]> dev = runHarness(String.format(java.util.Locale.ROOT, "neuron tf %d %d %d %s %s %s %d",
                t, signed ? 1 : 0, firing == Firing.FLOOR ? 1 : 0, decay, join(steps), join(widths), n), x, go);
        assertArrayEquals(out.toDoubleVector(), dev.get("out"), 0, "spikes");
        assertArrayEquals(Arrays.stream(nonzero).asDoubleStream().toArray(), dev.get("nonzero"), 0, "nonzero");
        assertArrayEquals(gradX.toDoubleVector(), dev.get("grad"), 0, "input gradient");
        GradientSums.Neuron fromSums = GradientSums.timeFree(dev.get("sums"), t, n, steps, widths,
                qmax(widths, signed));
        assertArrayEquals(g.steps(), fromSums.steps(), 1e-12, "step gradients");
        assertArrayEquals(g.bits(), fromSums.bits(), 1e-12, "bit gradients");
        assertEquals(g.tHat(), fromSums.tHat(), 1e-12, "T gradient");
    }

    @ParameterizedTest(name = "event T={0} bits={1} signed={2}")
    @CsvSource({"2, 2, false", "4, 1, false", "3, 3, true"})
    void eventNeuronMatchesTheCpuKernel(int t, int bits, boolean signed) throws IOException {
        int per = 3000;
        double[] x = values(t * 41L + bits, per * t, 0.3, 1);
        double[] go = values(t * 43L + bits, per * t, 0, 1);
        double[] steps = new double[t];
        int[] widths = new int[t];
        for (int s = 0; s < t; s++) {
            steps[s] = 0.25 + 0.05 * s;
            widths[s] = bits;
        }
        FusedNeuron cpu = new FusedEventNeuron(signed, 0.9, Firing.ROUND);
        INDArray xa = Nd4j.createFromArray(x);
        INDArray out = xa.like();
        long[] nonzero = cpu.forward(xa, out, t, steps, widths, true);
        INDArray gradX = xa.like();
        FusedNeuron.Gradients g = cpu.backward(xa, Nd4j.createFromArray(go), gradX, t, steps, widths);

        Map<String, double[]> dev = runHarness(String.format(java.util.Locale.ROOT, "neuron ev %d %d 0 0.9 %s %s %d", t,
                signed ? 1 : 0, join(steps), join(widths), per), x, go);
        assertArrayEquals(out.toDoubleVector(), dev.get("out"), 0, "spikes");
        assertArrayEquals(Arrays.stream(nonzero).asDoubleStream().toArray(), dev.get("nonzero"), 0, "nonzero");
        assertArrayEquals(gradX.toDoubleVector(), dev.get("grad"), 0, "input gradient");
        GradientSums.Neuron fromSums = GradientSums.event(dev.get("sums"), t, per, steps, widths,
                qmax(widths, signed));
        assertArrayEquals(g.steps(), fromSums.steps(), 1e-12, "step gradients");
        assertArrayEquals(g.bits(), fromSums.bits(), 1e-12, "bit gradients");
    }

    @ParameterizedTest(name = "weights bits={0} rule={1}")
    @CsvSource({"1, LSQ", "2, RELEASE", "4, LSQ", "8, RELEASE"})
    void weightQuantizerMatchesTheCpuKernel(int bits, StepGradient rule) throws IOException {
        long[] shape = {8, 4, 3, 3}; // a conv's weights
        int n = 8 * 4 * 9;
        double[] w = values(bits * 7L, n, 0, 0.3);
        double[] go = values(bits * 11L, n, 0, 1);
        double step = 0.05;
        FusedWeightEngine cpu = new FusedWeightEngine();
        INDArray wa = Nd4j.createFromArray(w).reshape(shape);
        INDArray wq = cpu.forward(wa, step, bits);
        QuantizerGradients g = cpu.backward(Nd4j.createFromArray(go).reshape(shape), rule);

        Map<String, double[]> dev = runHarness(String.format(java.util.Locale.ROOT, "weight %s %d %d", step, bits, n),
                w, go);
        assertArrayEquals(wq.reshape(-1).toDoubleVector(), dev.get("out"), 0, "quantized weights");
        assertArrayEquals(g.input().reshape(-1).toDoubleVector(), dev.get("grad"), 0, "weight gradient");
        GradientSums.Weight fromSums = GradientSums.weight(dev.get("sums"), shape, step, bits, rule);
        assertEquals(g.step(), fromSums.step(), 1e-12, "step gradient");
        assertEquals(g.bits(), fromSums.bits(), 1e-12, "bit gradient");
    }

    private static int[] qmax(int[] bits, boolean signed) {
        return Arrays.stream(bits).map(b -> SpikeQuantizer.qmax(b, signed)).toArray();
    }

    private static String join(double[] v) {
        return HostHarness.join(v);
    }

    private static String join(int[] v) {
        return HostHarness.join(v);
    }
}
