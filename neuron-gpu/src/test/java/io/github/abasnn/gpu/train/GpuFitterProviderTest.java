package io.github.abasnn.gpu.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.gpu.cuda.CudaCalls;
import io.github.abasnn.gpu.cuda.MathMode;
import io.github.abasnn.train.ComputeDevice;
import io.github.abasnn.train.DeviceFitterProvider;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code --device gpu} finds this module's provider through the service loader; where no GPU can be used it fails
 * naming why, before any training; the math mode is read from its property and a bad one named.
 */
class GpuFitterProviderTest {
    @Test
    void theServiceLoaderFindsTheGpuProvider() {
        assertTrue(ServiceLoader.load(DeviceFitterProvider.class).stream()
                .anyMatch(p -> p.type() == GpuFitterProvider.class));
    }

    @Test
    void withoutAGpuTheDeviceIsRefusedNamingWhy() {
        String why = CudaCalls.unavailableReason();
        Assumptions.assumeTrue(why != null, "a GPU is usable here");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeviceFitterProvider.of(ComputeDevice.GPU));
        assertTrue(e.getMessage().startsWith("--device gpu: the CUDA libraries do not load")
                || e.getMessage().startsWith("--device gpu: the driver sees no GPU"), e.getMessage());
    }

    @Test
    void aCostTargetIsRefusedUntilItIsAPlanOp() {
        GpuFitterProvider p = new GpuFitterProvider();
        assertEquals(null, p.unsupported(io.github.abasnn.train.TrainCli.parse("--device", "gpu")));
        String why = p.unsupported(io.github.abasnn.train.TrainCli.parse("--device", "gpu", "--target-sace", "0.1"));
        assertTrue(why != null && why.contains("cost target"), why);
    }

    @Test
    void theMathModeComesFromItsProperty() {
        String old = System.getProperty(GpuFitterProvider.MATH_PROPERTY);
        try {
            System.clearProperty(GpuFitterProvider.MATH_PROPERTY);
            assertEquals(MathMode.FMA, GpuFitterProvider.math());
            System.setProperty(GpuFitterProvider.MATH_PROPERTY, "TF32");
            assertEquals(MathMode.TF32, GpuFitterProvider.math());
            System.setProperty(GpuFitterProvider.MATH_PROPERTY, "fp16");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, GpuFitterProvider::math);
            assertTrue(e.getMessage().contains("fp16"), e.getMessage());
        } finally {
            if (old == null) {
                System.clearProperty(GpuFitterProvider.MATH_PROPERTY);
            } else {
                System.setProperty(GpuFitterProvider.MATH_PROPERTY, old);
            }
        }
    }
}
