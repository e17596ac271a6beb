package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The device golden check's reading and finishing of every golden neuron and quantizer case, run on the host harness
 * of the same element functions: what is left for a GPU is only the kernels' loops and reductions.
 */
class GpuGoldenCheckTest {
    static HostHarness harness;

    @BeforeAll
    static void build() throws Exception {
        harness = HostHarness.shared();
    }

    /** The golden files of {@code property}'s directory, or neuron-core's bundled subset in a plain clone. */
    static List<File> golden(String property, String bundled) {
        Path dir = Path.of(System.getProperty(property, "../../shared/" + bundled));
        if (!Files.isDirectory(dir)) {
            dir = Path.of("../neuron-core/src/test/resources/" + bundled);
        }
        File[] files = dir.toFile().listFiles((d, n) -> n.endsWith(".json"));
        return files == null ? List.of() : List.of(files);
    }

    @Test
    void everyGoldenNeuronAndQuantizerCaseMatches() throws Exception {
        List<File> files = new ArrayList<>(golden("golden.dir", "golden"));
        files.addAll(golden("golden.release.dir", "golden-release"));
        assertTrue(!files.isEmpty(), "no golden files");
        GpuGoldenCheck check = new GpuGoldenCheck(harness.backend());
        for (File f : files) {
            check.file(f);
        }
        assertTrue(check.cases() >= 10, "cases checked: " + check.cases());
        assertEquals(List.of(), check.failures());
    }

    @Test
    void aWrongValueIsReportedNotPassed() throws Exception {
        GoldenBackend good = harness.backend();
        GoldenBackend offByAnUlpTimesAThousand = new GoldenBackend() {
            @Override
            public double[][] timeFree(double[] x, double[] g, int t, boolean s, double[] steps, int[] bits) {
                double[][] r = good.timeFree(x, g, t, s, steps, bits);
                r[1][r[1].length / 2] += 1e-6;
                return r;
            }

            @Override
            public double[][] weight(double[] w, double[] g, double step, int bits) {
                double[][] r = good.weight(w, g, step, bits);
                r[2][0] *= 1 + 1e-7;
                return r;
            }
        };
        GpuGoldenCheck check = new GpuGoldenCheck(offByAnUlpTimesAThousand);
        for (File f : golden("golden.dir", "golden")) {
            check.file(f);
        }
        assertEquals(check.cases(), check.failures().size(), "every case has a wrong value: " + check.failures());
    }
}
