package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The host harness ({@code src/test/cuda/host_parity.cu}): the kernels' element functions built by nvcc for the
 * host, run on one case at a time.
 */
final class HostHarness {
    private final Path executable;
    private final Path work;

    private HostHarness(Path executable, Path work) {
        this.executable = executable;
        this.work = work;
    }

    private static HostHarness shared;

    /**
     * The harness every test class of this JVM uses, built once into a temporary directory; skips the calling test
     * (a JUnit assumption) where nvcc is not on the PATH.
     */
    static synchronized HostHarness shared() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Nvcc.available(), "nvcc is not on the PATH");
        if (shared == null) {
            Path work = Files.createTempDirectory("host-harness");
            work.toFile().deleteOnExit();
            shared = build(work);
        }
        return shared;
    }

    /** Builds the harness under {@code work} from the kernel sources on the class path. */
    static HostHarness build(Path work) throws IOException {
        Path src = Nvcc.sources(work.resolve("kernels"));
        Path exe = work.resolve("host_parity");
        Nvcc.Result r = Nvcc.run(Nvcc.command("-O2", "-I", src.toString(), "-o", exe.toString(),
                Path.of("src/test/cuda/host_parity.cu").toAbsolutePath().toString()), work);
        assertEquals(0, r.exit(), r.output());
        return new HostHarness(exe, work);
    }

    /** Runs a case: its header line, then the two value lists; the harness's outputs by name. */
    Map<String, double[]> run(String header, double[] a, double[] b) throws IOException {
        Path file = Files.createTempFile(work, "case", ".txt");
        StringBuilder s = new StringBuilder(header).append('\n');
        for (double[] v : new double[][] {a, b}) {
            s.append(Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(" "))).append('\n');
        }
        Files.writeString(file, s);
        Nvcc.Result r = Nvcc.run(List.of(executable.toString(), file.toString()), work);
        Files.delete(file);
        assertEquals(0, r.exit(), r.output());
        Map<String, double[]> out = new HashMap<>();
        for (String line : r.output().strip().split("\n")) {
            String[] parts = line.trim().split(" ");
            out.put(parts[0], Arrays.stream(parts, 1, parts.length).mapToDouble(Double::parseDouble).toArray());
        }
        return out;
    }

    static String join(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(" "));
    }

    static String join(int[] v) {
        return Arrays.stream(v).mapToObj(Integer::toString).collect(Collectors.joining(" "));
    }

    /** The golden check's backend on this harness: what the device runs, element by element on the host. */
    GoldenBackend backend() {
        return new GoldenBackend() {
            @Override
            public double[][] timeFree(double[] x, double[] gradOut, int t, boolean signed, double[] steps,
                                       int[] bits) {
                try {
                    Map<String, double[]> r = run(String.format(java.util.Locale.ROOT, "neuron tf %d %d 0 1.0 %s %s %d",
                            t, signed ? 1 : 0, join(Arrays.copyOf(steps, t)), join(Arrays.copyOf(bits, t)), x.length),
                            x, gradOut);
                    return new double[][] {r.get("out"), r.get("grad"), r.get("sums")};
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public double[][] weight(double[] w, double[] gradOut, double step, int bits) {
                try {
                    Map<String, double[]> r = run(String.format(java.util.Locale.ROOT, "weight %s %d %d", step, bits,
                            w.length), w, gradOut);
                    return new double[][] {r.get("out"), r.get("grad"), r.get("sums")};
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }
}
