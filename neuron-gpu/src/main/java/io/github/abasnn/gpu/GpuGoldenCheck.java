package io.github.abasnn.gpu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import io.github.abasnn.quant.StepGradient;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Every golden neuron and quantizer case of the given files recomputed on a GPU in double precision, held to the
 * same tolerance as the CPU (relative 1e-9, absolute 1e-12 near zero): the weight quantizer (LSQ and the release's
 * conv rule), the spike quantizer (the neuron with one step) and the refined neuron. Renewal cases run on the host
 * and are skipped. Needs no ND4J: the device machine carries only this module, the CUDA presets and Jackson.
 * Prints one line per case and {@code gpu golden: N cases, F failed}; exit status 0 when none failed.
 *
 * <pre>java -cp ... io.github.abasnn.gpu.GpuGoldenCheck [--device N] golden-file-or-dir...</pre>
 */
public final class GpuGoldenCheck {
    static final double RELATIVE = 1e-9;
    static final double ABSOLUTE = 1e-12;

    private final GoldenBackend backend;
    private final List<String> failures = new ArrayList<>();
    private int cases;

    GpuGoldenCheck(GoldenBackend backend) {
        this.backend = backend;
    }

    int cases() {
        return cases;
    }

    List<String> failures() {
        return failures;
    }

    public static void main(String[] args) throws IOException {
        CheckArguments a = CheckArguments.parse(args);
        int device = a.device();
        boolean dryRun = a.dryRun();
        List<File> files = new ArrayList<>();
        for (String name : a.files()) {
            File f = new File(name);
            File[] inDir = f.isDirectory() ? f.listFiles((d, n) -> n.endsWith(".json")) : new File[] {f};
            if (inDir == null || inDir.length == 0 || !inDir[0].exists()) {
                System.err.println("gpu golden: no golden files at " + f);
                System.exit(2);
            }
            Arrays.sort(inDir);
            files.addAll(Arrays.asList(inDir));
        }
        if (dryRun) { // every file parsed and its cases counted; no GPU touched
            int count = 0;
            for (File f : files) {
                JsonNode list = new ObjectMapper().readTree(f).get("cases");
                count += list == null ? 0 : list.size();
            }
            System.out.printf(Locale.ROOT, "gpu golden: dry run: %d files, %d cases%n", files.size(), count);
            System.exit(count > 0 ? 0 : 1);
        }
        CheckArguments.requireGpu("gpu golden");
        try (CudaDevice d = new CudaDevice(device);
             GpuKernels k = new GpuKernels(d, KernelCompiler.withDefaultCache())) {
            System.out.println("gpu golden: " + d + ", NVRTC " + KernelCompiler.nvrtcVersion());
            GpuGoldenCheck check = new GpuGoldenCheck(GoldenBackend.device(k));
            for (File f : files) {
                check.file(f);
            }
            System.out.printf(Locale.ROOT, "gpu golden: %d cases, %d failed%n", check.cases, check.failures.size());
            System.exit(check.failures.isEmpty() ? 0 : 1);
        }
    }

    void file(File f) throws IOException {
        JsonNode root = new ObjectMapper().readTree(f);
        JsonNode list = root.get("cases");
        for (int i = 0; i < list.size(); i++) {
            JsonNode c = list.get(i);
            String kind = c.get("kind").asText();
            String where = f.getName() + " case " + i + " " + kind;
            List<String> bad = switch (kind) {
                case "weight_quant" -> weight(c, StepGradient.LSQ);
                case "weight_quant_conv_release" -> weight(c, StepGradient.RELEASE);
                case "spike_quant" -> spike(c);
                case "refined_neuron" -> neuron(c);
                default -> null; // renewal: host-side
            };
            if (bad == null) {
                continue;
            }
            cases++;
            if (bad.isEmpty()) {
                System.out.println(where + ": ok");
            } else {
                failures.add(where);
                System.out.println(where + ": FAILED " + String.join("; ", bad));
            }
        }
    }

    private List<String> weight(JsonNode c, StepGradient rule) {
        int bits = c.get("params").get("bit_used").asInt();
        double bitHat = c.get("params").get("bit_hat").asDouble();
        double[] w = data(c.get("inputs").get("w"));
        long[] shape = shape(c.get("inputs").get("w"));
        double step = data(c.get("inputs").get("step"))[0];
        double[][] r = backend.weight(w, data(c.get("inputs").get("grad_out")), step, bits);
        GradientSums.Weight g = GradientSums.weight(r[2], shape, step, bits, rule);
        List<String> bad = new ArrayList<>();
        compare(bad, "wq", c.get("outputs").get("wq"), r[0]);
        compare(bad, "grad_w", c.get("outputs").get("grad_w"), r[1]);
        compare(bad, "grad_step", c.get("outputs").get("grad_step"), new double[] {g.step()});
        compare(bad, "grad_bit", c.get("outputs").get("grad_bit"), new double[] {Math.signum(bitHat) * g.bits()});
        return bad;
    }

    private List<String> spike(JsonNode c) {
        JsonNode p = c.get("params");
        boolean signed = p.get("signed").asBoolean();
        int bits = p.get("bit_used").asInt();
        double bitHat = p.get("bit_hat").asDouble();
        double[] step = {data(c.get("inputs").get("step"))[0]};
        int[] width = {bits};
        GradientSums.Neuron g;
        List<String> bad = new ArrayList<>();
        double[][] r = timeFree(c, 1, signed, step, width);
        g = GradientSums.timeFree(r[2], 1, r[0].length, step, width, new int[] {NeuronParams.qmax(bits, signed)});
        compare(bad, "y", c.get("outputs").get("y"), r[0]);
        compare(bad, "grad_x", c.get("outputs").get("grad_x"), r[1]);
        compare(bad, "grad_step", c.get("outputs").get("grad_step"), new double[] {g.steps()[0]});
        compare(bad, "grad_bit", c.get("outputs").get("grad_bit"), new double[] {Math.signum(bitHat) * g.bits()[0]});
        return bad;
    }

    private List<String> neuron(JsonNode c) {
        JsonNode p = c.get("params");
        int tMax = p.get("t_max").asInt();
        int t = p.get("t_used").asInt();
        double[] bitHats = doubles(p.get("bit_hat"));
        int[] bits = Arrays.stream(doubles(p.get("bit_used"))).mapToInt(v -> (int) v).toArray();
        double[] steps = data(c.get("inputs").get("steps"));
        double[][] r = timeFree(c, t, false, steps, bits);
        int[] qmax = Arrays.stream(bits).map(b -> NeuronParams.qmax(b, false)).toArray();
        GradientSums.Neuron g = GradientSums.timeFree(r[2], t, r[0].length, steps, bits, qmax);
        double[] gradSteps = new double[tMax];
        double[] gradBits = new double[tMax];
        for (int i = 0; i < t; i++) {
            gradSteps[i] = g.steps()[i];
            gradBits[i] = Math.signum(bitHats[i]) * g.bits()[i];
        }
        List<String> bad = new ArrayList<>();
        compare(bad, "y", c.get("outputs").get("y"), r[0]);
        compare(bad, "grad_x", c.get("outputs").get("grad_x"), r[1]);
        compare(bad, "grad_T", c.get("outputs").get("grad_T"), new double[] {g.tHat()});
        compare(bad, "grad_steps", c.get("outputs").get("grad_steps"), gradSteps);
        compare(bad, "grad_bits", c.get("outputs").get("grad_bits"), gradBits);
        return bad;
    }

    /** {y, grad_x, sums} of the case's x and grad_out through the time-free kernels, T steps. */
    private double[][] timeFree(JsonNode c, int t, boolean signed, double[] steps, int[] bits) {
        return backend.timeFree(data(c.get("inputs").get("x")), data(c.get("inputs").get("grad_out")), t, signed,
                steps, bits);
    }

    static void compare(List<String> bad, String name, JsonNode expected, double[] got) {
        double[] want = data(expected);
        if (want.length != got.length) {
            bad.add(name + ": " + got.length + " values, expected " + want.length);
            return;
        }
        for (int i = 0; i < want.length; i++) {
            double tol = Math.max(RELATIVE * Math.abs(want[i]), ABSOLUTE);
            if (!(Math.abs(want[i] - got[i]) <= tol)) {
                bad.add(String.format(Locale.ROOT, "%s[%d] = %.17g, expected %.17g", name, i, got[i], want[i]));
                return;
            }
        }
    }

    /** A tensor's values ({@code {shape, data}}, or a bare number or list). */
    static double[] data(JsonNode tensor) {
        JsonNode d = tensor.has("data") ? tensor.get("data") : tensor;
        if (d.isNumber()) {
            return new double[] {d.asDouble()};
        }
        List<Double> out = new ArrayList<>();
        flatten(d, out);
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void flatten(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            n.forEach(e -> flatten(e, out));
        } else {
            out.add(n.asDouble());
        }
    }

    static long[] shape(JsonNode tensor) {
        JsonNode s = tensor.get("shape");
        long[] out = new long[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = s.get(i).asLong();
        }
        return out;
    }

    private static double[] doubles(JsonNode n) {
        return n.isArray() ? data(n) : new double[] {n.asDouble()};
    }
}
