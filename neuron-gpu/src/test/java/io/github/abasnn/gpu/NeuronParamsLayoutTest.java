package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bytes a launch passes for {@code AbaNeuron} lie where the compiler puts the struct's fields. */
class NeuronParamsLayoutTest {
    @TempDir
    Path tmp;

    @Test
    void offsetsAndSizeAreTheCompilers() throws Exception {
        Assumptions.assumeTrue(Nvcc.available(), "nvcc is not on the PATH");
        Path src = Nvcc.sources(tmp.resolve("kernels"));
        Path probe = tmp.resolve("probe.cu");
        Files.writeString(probe, """
                #include <stdio.h>
                #include <stddef.h>
                #include "elements.cuh"
                int main() {
                    printf("%zu %zu %zu %zu %zu %zu %zu %zu %zu\\n", offsetof(AbaNeuron, t),
                        offsetof(AbaNeuron, is_signed), offsetof(AbaNeuron, floor_firing), offsetof(AbaNeuron, decay),
                        offsetof(AbaNeuron, step), offsetof(AbaNeuron, inv), offsetof(AbaNeuron, bits),
                        offsetof(AbaNeuron, qmax), sizeof(AbaNeuron));
                    return 0;
                }
                """);
        Nvcc.Result built = Nvcc.run(Nvcc.command("-I", src.toString(), "-o", "probe", probe.toString()), tmp);
        assertEquals(0, built.exit(), built.output());
        Nvcc.Result r = Nvcc.run(List.of(tmp.resolve("probe").toString()), tmp);
        assertEquals(0, r.exit(), r.output());
        assertEquals(List.of(NeuronParams.T, NeuronParams.SIGNED, NeuronParams.FLOOR, NeuronParams.DECAY,
                NeuronParams.STEP, NeuronParams.INV, NeuronParams.BITS, NeuronParams.QMAX, NeuronParams.SIZE)
                .toString(), "[" + String.join(", ", r.output().trim().split(" ")) + "]");
        byte[] b = NeuronParams.of(2, true, false, 0.5, new double[] {0.25, 0.5}, new int[] {3, 1});
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, buf.getInt(NeuronParams.T));
        assertEquals(4.0, buf.getDouble(NeuronParams.INV), "reciprocal of the first step");
        assertEquals(3, buf.getInt(NeuronParams.QMAX), "signed 3 bits");
        assertEquals(1, buf.getInt(NeuronParams.QMAX + 4), "signed 1 bit");
    }
}
