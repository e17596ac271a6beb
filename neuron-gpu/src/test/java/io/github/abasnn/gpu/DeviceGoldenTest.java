package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.gpu.cuda.CudaCalls;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.KernelCompiler;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a machine with a GPU: the golden cases on the device. Skips elsewhere (CI, the development machines). */
class DeviceGoldenTest {
    @TempDir
    Path cache;

    @Test
    void everyGoldenCaseMatchesOnTheDevice() throws Exception {
        String why = CudaCalls.unavailableReason();
        Assumptions.assumeTrue(why == null, "no GPU: " + why);
        List<File> files = new ArrayList<>(GpuGoldenCheckTest.golden("golden.dir", "golden"));
        files.addAll(GpuGoldenCheckTest.golden("golden.release.dir", "golden-release"));
        try (CudaDevice d = new CudaDevice(0); GpuKernels k = new GpuKernels(d, new KernelCompiler(cache))) {
            GpuGoldenCheck check = new GpuGoldenCheck(GoldenBackend.device(k));
            for (File f : files) {
                check.file(f);
            }
            assertTrue(check.cases() >= 10);
            assertEquals(List.of(), check.failures());
        }
    }
}
