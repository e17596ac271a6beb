package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kernel compiles before it reaches a device: machine code for Hopper (sm_90) with the register and spill
 * report, and PTX for the oldest architecture the runtime supports (compute_75, what the driver JIT-compiles for any
 * newer GPU).
 */
class KernelCompileTest {
    @TempDir
    static Path tmp;
    static Path src;

    @BeforeAll
    static void sources() throws Exception {
        Assumptions.assumeTrue(Nvcc.available(), "nvcc is not on the PATH");
        src = Nvcc.sources(tmp.resolve("kernels"));
    }

    static java.util.List<String> units() {
        return KernelSources.UNITS;
    }

    @ParameterizedTest
    @MethodSource("units")
    void compilesForHopperWithinTheRegisterFileAndWithoutSpills(String unit) throws Exception {
        Nvcc.Result r = Nvcc.run(Nvcc.command("-cubin", "-arch=sm_90", "-Xptxas", "-v", "-o",
                tmp.resolve(unit + ".cubin").toString(), unit), src);
        assertEquals(0, r.exit(), r.output());
        assertTrue(Files.size(tmp.resolve(unit + ".cubin")) > 0);
        Matcher regs = Pattern.compile("Used (\\d+) registers").matcher(r.output());
        int kernels = 0;
        while (regs.find()) {
            kernels++;
            assertTrue(Integer.parseInt(regs.group(1)) <= 128, "a kernel of " + unit + " uses " + regs.group(1)
                    + " registers, leaving too few warps resident:\n" + r.output());
        }
        assertTrue(kernels >= 4, "ptxas reported " + kernels + " kernels:\n" + r.output());
        assertTrue(!r.output().matches("(?s).*[1-9]\\d* bytes spill.*"), "spills:\n" + r.output());
    }

    @ParameterizedTest
    @MethodSource("units")
    void compilesToPtxForTuringAndLater(String unit) throws Exception {
        Path ptx = tmp.resolve(unit + ".ptx");
        Nvcc.Result r = Nvcc.run(Nvcc.command("-ptx", "-arch=compute_75", "-o", ptx.toString(), unit), src);
        assertEquals(0, r.exit(), r.output());
        String text = Files.readString(ptx);
        assertTrue(text.contains(".target sm_75"), "PTX target");
        if (unit.equals("step.cu")) { // float kernels of the step's other ops
            for (String entry : List.of("aba_bn_statistics_f32", "aba_bn_forward_f32", "aba_bn_backward_f32",
                    "aba_bn_running_f32", "aba_relu_forward_f32", "aba_relu_backward_f32", "aba_add_f32",
                    "aba_global_avg_pool_f32", "aba_global_avg_pool_backward_f32", "aba_pool_f32",
                    "aba_pool_backward_f32", "aba_softmax_xent_f32", "aba_update_f32")) {
                assertTrue(text.contains(".entry " + entry + "("), unit + " exports " + entry);
            }
            return;
        }
        for (String direction : new String[] {"forward", "backward"}) {
            assertTrue(text.contains(".entry aba_") && text.contains("_" + direction + "_f64")
                    && text.contains("_" + direction + "_f32"), unit + " exports its " + direction + " kernels");
        }
    }
}
