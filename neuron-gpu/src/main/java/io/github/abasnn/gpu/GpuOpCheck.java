package io.github.abasnn.gpu;

import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import io.github.abasnn.quant.StepGradient;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every op fixture ({@link OpFixture}, the CPU kernels' outputs at training sizes, double and single precision)
 * recomputed on the device: outputs, spike counts and input gradients element by element, step, bit and T gradients
 * from the device's sums. Tolerance: relative 1e-9 in double, 1e-5 in single precision (the sums run in double in
 * both; single precision rounds what is stored); a spike level that flips (an element whose output differs) is
 * counted and reported, and fails the op only beyond one element in ten thousand. Prints one line per fixture and
 * {@code gpu ops: N fixtures, F failed}.
 *
 * <pre>java -cp ... io.github.abasnn.gpu.GpuOpCheck [--device N] fixtures.bin</pre>
 */
public final class GpuOpCheck {
    static final double FLIP_FRACTION = 1e-4;

    private final OpBackend backend;
    private final List<String> failures = new ArrayList<>();
    private int checked;

    GpuOpCheck(OpBackend backend) {
        this.backend = backend;
    }

    int checked() {
        return checked;
    }

    List<String> failures() {
        return failures;
    }

    public static void main(String[] args) throws IOException {
        CheckArguments a = CheckArguments.parse(args);
        int device = a.device();
        boolean dryRun = a.dryRun();
        Path file = a.requireFile("gpu ops");
        if (dryRun) {
            System.out.printf(Locale.ROOT, "gpu ops: dry run: %d fixtures read%n", read(file).size());
            System.exit(0);
        }
        CheckArguments.requireGpu("gpu ops");
        try (CudaDevice d = new CudaDevice(device);
             GpuKernels k = new GpuKernels(d, KernelCompiler.withDefaultCache())) {
            GpuOpCheck check = new GpuOpCheck(new DeviceOpBackend(k));
            check.all(read(file));
            System.out.printf(Locale.ROOT, "gpu ops: %d fixtures, %d failed%n", check.checked, check.failures.size());
            System.exit(check.failures.isEmpty() ? 0 : 1);
        }
    }

    /** The fixtures of a file {@code OpFixtureWriter} wrote. */
    public static List<OpFixture> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(
                new java.util.zip.GZIPInputStream(Files.newInputStream(file))))) {
            int n = in.readInt();
            List<OpFixture> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(OpFixture.read(in));
            }
            return out;
        }
    }

    void all(List<OpFixture> fixtures) {
        for (int i = 0; i < fixtures.size(); i++) {
            OpFixture f = fixtures.get(i);
            if (!backend.supports(f.precision())) {
                continue;
            }
            checked++;
            String where = String.format(Locale.ROOT, "op %d %s %s (%d elements, %s)", i, f.kind(), f.precision(),
                    f.input().length, Arrays.toString(f.bits()));
            List<String> bad = new ArrayList<>();
            String flips = check(f, bad);
            if (bad.isEmpty()) {
                System.out.println(where + ": ok" + flips);
            } else {
                failures.add(where);
                System.out.println(where + ": FAILED " + String.join("; ", bad) + flips);
            }
        }
    }

    /** Adds what is wrong with the backend's result for {@code f} to {@code bad}; returns a note on flips. */
    String check(OpFixture f, List<String> bad) {
        boolean weight = f.kind().equals("weight");
        double[][] r = weight ? backend.weight(f) : backend.neuron(f);
        double rel = f.precision().equals("f64") ? 1e-9 : 1e-5;
        int flipsOut = differing(f.output(), r[0], rel);
        int flipsGrad = differing(f.gradIn(), r[2], rel);
        long allowed = (long) Math.floor(FLIP_FRACTION * f.input().length);
        if (flipsOut > allowed) {
            bad.add("outputs differ at " + flipsOut + " elements");
        }
        if (flipsGrad > allowed) {
            bad.add("input gradients differ at " + flipsGrad + " elements");
        }
        int t = f.steps().length;
        if (weight) {
            GradientSums.Weight g = GradientSums.weight(r[3], f.shape(), f.steps()[0], f.bits()[0], StepGradient.LSQ);
            near(bad, "step gradient", f.gradSteps()[0], g.step(), rel);
            near(bad, "bit gradient", f.gradBits()[0], g.bits(), rel);
        } else {
            int[] qmax = Arrays.stream(f.bits()).map(b -> NeuronParams.qmax(b, f.signed())).toArray();
            GradientSums.Neuron g = f.kind().equals("event")
                    ? GradientSums.event(r[3], t, f.shape()[0], f.steps(), f.bits(), qmax)
                    : GradientSums.timeFree(r[3], t, f.input().length, f.steps(), f.bits(), qmax);
            for (int s = 0; s < t; s++) {
                near(bad, "step gradient " + s, f.gradSteps()[s], g.steps()[s], rel);
                near(bad, "bit gradient " + s, f.gradBits()[s], g.bits()[s], rel);
                if (Math.abs(f.nonzero()[s] - r[1][s]) > allowed) {
                    bad.add("step " + s + " fired " + (long) r[1][s] + " nonzero spikes, the CPU " + f.nonzero()[s]);
                }
            }
            near(bad, "T gradient", f.gradT(), g.tHat(), rel);
        }
        return flipsOut + flipsGrad == 0 ? "" : " (" + flipsOut + " outputs and " + flipsGrad
                + " input gradients flipped)";
    }

    private static int differing(double[] want, double[] got, double rel) {
        int n = 0;
        for (int i = 0; i < want.length; i++) {
            if (!(Math.abs(want[i] - got[i]) <= Math.max(rel * Math.abs(want[i]), 1e-12))) {
                n++;
            }
        }
        return n;
    }

    /**
     * A sum over many elements, added in another order on the device: within {@code rel} of the larger of the value
     * and a unit, as the terms are of order one.
     */
    private static void near(List<String> bad, String name, double want, double got, double rel) {
        if (!(Math.abs(want - got) <= rel * Math.max(Math.abs(want), 1.0))) {
            bad.add(String.format(Locale.ROOT, "%s %.17g, the CPU %.17g", name, got, want));
        }
    }
}
