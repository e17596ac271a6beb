package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.gpu.fixtures.StepFixtureWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The step check's verdict on the CPU's own step (ok), and on a step that is off by more than its tolerance in the
 * score, a parameter or a momentum (FAIL); the fixture's bit loss rebuilt without ND4J; every runtime class the
 * device needs is on the class path ({@code check.sh --dry-run} loads the same list from the carry).
 */
class GpuStepCheckTest {
    private static StepFixture f;

    @BeforeAll
    static void fixture() {
        f = StepFixtureWriter.fixture(4, 4, 42);
    }

    @Test
    void theCpusOwnStepPasses() {
        String v = GpuStepCheck.compare(f, f.score(), f.gradient(), f.paramsAfter(), f.stateAfter());
        assertTrue(v.startsWith("ok"), v);
    }

    @Test
    void aScoreParameterOrMomentumBeyondToleranceFails() {
        assertTrue(GpuStepCheck.compare(f, f.score() * (1 + 3e-4), f.gradient(), f.paramsAfter(), f.stateAfter())
                .startsWith("FAIL"));
        float[] p = f.paramsAfter().clone();
        p[p.length / 2] = p[p.length / 2] * 1.001f + 1e-3f;
        String v = GpuStepCheck.compare(f, f.score(), f.gradient(), p, f.stateAfter());
        assertTrue(v.startsWith("FAIL") && v.contains("at " + p.length / 2), v);
        float[] s = f.stateAfter().clone();
        s[0] = Float.NaN;
        assertTrue(GpuStepCheck.compare(f, f.score(), f.gradient(), f.paramsAfter(), s).startsWith("FAIL"));
        float[] g = f.gradient().clone();
        g[0] += 1;
        assertTrue(GpuStepCheck.compare(f, f.score(), g, f.paramsAfter(), f.stateAfter()).startsWith("ok"),
                "the gradient is reported, not judged");
    }

    @Test
    void theWorstElementIsFoundWithAFloorNearZero() {
        GpuStepCheck.Worst w = GpuStepCheck.worst(new float[] {1, 0, 2}, new float[] {1, 5e-10f, 2.002f});
        assertEquals(2, w.at());
        assertEquals(1e-3, w.error(), 1e-6);
        assertEquals(0.5, GpuStepCheck.worst(new float[] {0}, new float[] {5e-7f}).error(), 1e-6,
                "below the floor the difference is taken against 1e-6");
    }

    @Test
    void theFixturesBitLossIsRebuilt() {
        assertEquals("2/2/1", f.bitTargets());
        assertTrue(GpuStepCheck.bitLoss(f) != null);
    }

    @Test
    void everyRuntimeClassIsOnTheClassPath() {
        assertEquals(DryRun.RUNTIME.size(), DryRun.loadRuntimeClasses());
    }
}
