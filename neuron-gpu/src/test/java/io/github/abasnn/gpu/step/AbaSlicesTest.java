package io.github.abasnn.gpu.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.abasnn.gpu.Nvcc;
import io.github.abasnn.plan.PlanOp;
import io.github.abasnn.plan.PlanSpec;
import io.github.abasnn.plan.UpdateRule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fused updater's slice table: the compiler's layout, one entry per non-empty parameter, in offset order. */
class AbaSlicesTest {
    @TempDir
    Path tmp;

    private static PlanSpec plan(List<PlanSpec.Slice> slices) {
        return new PlanSpec(List.<PlanOp>of(), 1, 0, slices, 30, 20);
    }

    @Test
    void offsetsAndSizeAreTheCompilers() throws Exception {
        Assumptions.assumeTrue(Nvcc.available(), "nvcc is not on the PATH");
        Path src = Nvcc.sources(tmp.resolve("kernels"));
        Path probe = tmp.resolve("probe.cu");
        Files.writeString(probe, """
                #include <stdio.h>
                #include <stddef.h>
                #include "step_elements.cuh"
                int main() {
                    printf("%zu %zu %zu %zu %zu %zu %zu %zu %zu\\n", offsetof(AbaSlice, offset),
                        offsetof(AbaSlice, length), offsetof(AbaSlice, state_offset), offsetof(AbaSlice, rule),
                        offsetof(AbaSlice, divide), offsetof(AbaSlice, lr), offsetof(AbaSlice, momentum),
                        offsetof(AbaSlice, l2), sizeof(AbaSlice));
                    printf("%d %d %d\\n", ABA_RULE_NONE, ABA_RULE_SGD, ABA_RULE_NESTEROV);
                    return 0;
                }
                """);
        Nvcc.Result built = Nvcc.run(Nvcc.command("-I", src.toString(), "-o", "probe", probe.toString()), tmp);
        assertEquals(0, built.exit(), built.output());
        Nvcc.Result r = Nvcc.run(List.of(tmp.resolve("probe").toString()), tmp);
        assertEquals(0, r.exit(), r.output());
        String[] lines = r.output().trim().split("\n");
        assertEquals(List.of(AbaSlices.OFFSET, AbaSlices.LENGTH, AbaSlices.STATE_OFFSET, AbaSlices.RULE,
                AbaSlices.DIVIDE, AbaSlices.LR, AbaSlices.MOMENTUM, AbaSlices.L2, AbaSlices.SIZE).toString(),
                "[" + String.join(", ", lines[0].trim().split(" ")) + "]");
        assertEquals("0 1 2", lines[1].trim(), "rule numbers as AbaSlices writes them");
    }

    @Test
    void oneEntryPerNonEmptyParameterWithItsRule() {
        PlanSpec p = plan(List.of(new PlanSpec.Slice("a", "W", 0, 10, 0, 10),
                new PlanSpec.Slice("a", "b", 10, 0, 10, 0),
                new PlanSpec.Slice("bn", "mean", 10, 20, 10, 0)));
        byte[] t = AbaSlices.of(p, List.of(new UpdateRule(UpdateRule.Kind.NESTEROV, 0.1, 0.9, 5e-4, true),
                new UpdateRule(UpdateRule.Kind.SGD, 1, 0, 0, true),
                new UpdateRule(UpdateRule.Kind.NONE, 0, 0, 0, false)));
        assertEquals(2 * AbaSlices.SIZE, t.length, "the empty bias is left out");
        ByteBuffer b = ByteBuffer.wrap(t).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(10, b.getLong(AbaSlices.LENGTH));
        assertEquals(2, b.getInt(AbaSlices.RULE));
        assertEquals(1, b.getInt(AbaSlices.DIVIDE));
        assertEquals(0.9, b.getDouble(AbaSlices.MOMENTUM));
        assertEquals(5e-4, b.getDouble(AbaSlices.L2));
        assertEquals(10, b.getLong(AbaSlices.SIZE + AbaSlices.OFFSET));
        assertEquals(0, b.getInt(AbaSlices.SIZE + AbaSlices.RULE));
        assertEquals(0, b.getInt(AbaSlices.SIZE + AbaSlices.DIVIDE));
    }

    @Test
    void refusesARuleCountOrOrderThatDoesNotFit() {
        PlanSpec p = plan(List.of(new PlanSpec.Slice("a", "W", 10, 10, 0, 10),
                new PlanSpec.Slice("a", "x", 0, 10, 10, 0)));
        UpdateRule sgd = new UpdateRule(UpdateRule.Kind.SGD, 1, 0, 0, true);
        assertThrows(IllegalArgumentException.class, () -> AbaSlices.of(p, List.of(sgd)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AbaSlices.of(p, List.of(sgd, sgd)));
        assertEquals("parameter a/x is out of order", e.getMessage());
    }
}
