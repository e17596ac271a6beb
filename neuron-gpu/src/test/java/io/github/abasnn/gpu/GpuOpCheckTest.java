package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.gpu.fixtures.OpFixtureWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The op fixtures round-trip through their file, and the device op check's comparisons pass on the host harness of
 * the same element functions (double precision; single precision runs only on a device) and fail on a wrong value.
 */
class GpuOpCheckTest {
    @TempDir
    static Path tmp;
    static HostHarness harness;
    static List<OpFixture> fixtures;

    @BeforeAll
    static void build() throws Exception {
        harness = HostHarness.shared();
        Path file = tmp.resolve("ops.bin");
        OpFixtureWriter.main(new String[] {file.toString()});
        fixtures = GpuOpCheck.read(file);
    }

    /** The f64 fixtures on the host harness. */
    static OpBackend host() {
        return new OpBackend() {
            @Override
            public boolean supports(String precision) {
                return precision.equals("f64");
            }

            @Override
            public double[][] neuron(OpFixture f) {
                boolean event = f.kind().equals("event");
                String header = String.format(Locale.ROOT, "neuron %s %d %d 0 %s %s %s %d", event ? "ev" : "tf",
                        f.steps().length, f.signed() ? 1 : 0, f.decay(), HostHarness.join(f.steps()),
                        HostHarness.join(f.bits()), event ? f.shape()[0] : f.input().length);
                Map<String, double[]> r = run(header, f);
                return new double[][] {r.get("out"), r.get("nonzero"), r.get("grad"), r.get("sums")};
            }

            @Override
            public double[][] weight(OpFixture f) {
                Map<String, double[]> r = run(String.format(Locale.ROOT, "weight %s %d %d", f.steps()[0], f.bits()[0],
                        f.input().length), f);
                return new double[][] {r.get("out"), new double[0], r.get("grad"), r.get("sums")};
            }

            private Map<String, double[]> run(String header, OpFixture f) {
                try {
                    return harness.run(header, f.input(), f.gradOut());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    @Test
    void everyDoublePrecisionFixtureMatchesOnTheHostHarness() {
        assertEquals(12, fixtures.size(), "both forms of the neuron and the weight quantizer, f64 and f32");
        GpuOpCheck check = new GpuOpCheck(host());
        check.all(fixtures);
        assertEquals(6, check.checked());
        assertEquals(List.of(), check.failures());
    }

    @Test
    void aWrongGradientFailsTheOp() {
        OpBackend good = host();
        OpBackend wrong = new OpBackend() {
            @Override
            public boolean supports(String precision) {
                return good.supports(precision);
            }

            @Override
            public double[][] neuron(OpFixture f) {
                double[][] r = good.neuron(f);
                r[3][0] += 1e-3 * Math.max(1, Math.abs(r[3][0]));
                return r;
            }

            @Override
            public double[][] weight(OpFixture f) {
                double[][] r = good.weight(f);
                r[3][1] += 1;
                return r;
            }
        };
        GpuOpCheck check = new GpuOpCheck(wrong);
        check.all(fixtures);
        assertEquals(check.checked(), check.failures().size(), new ArrayList<>(check.failures()).toString());
        assertTrue(check.checked() > 0);
    }
}
