package io.github.abasnn.gpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.gpu.fixtures.StepFixtureWriter;
import io.github.abasnn.plan.UpdateRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full-step fixture survives its file, carries a step that moved every kind of parameter, and refuses damage. */
class StepFixtureTest {
    @TempDir
    Path tmp;

    @Test
    void roundTripsAndRecordsARealStep() throws IOException {
        StepFixture f = StepFixtureWriter.fixture(4, 4, 7);
        Path file = tmp.resolve("step.bin");
        f.write(file);
        StepFixture r = StepFixture.read(file);
        assertEquals(f.plan(), r.plan());
        assertEquals(f.rules(), r.rules());
        assertEquals(f.iteration(), r.iteration());
        assertEquals(f.bitTargets(), r.bitTargets());
        assertArrayEquals(f.penalties(), r.penalties());
        assertArrayEquals(f.featureShape(), r.featureShape());
        assertArrayEquals(f.features(), r.features());
        assertArrayEquals(f.labels(), r.labels());
        assertArrayEquals(f.params(), r.params());
        assertArrayEquals(f.state(), r.state());
        assertEquals(f.score(), r.score());
        assertArrayEquals(f.gradient(), r.gradient());
        assertArrayEquals(f.paramsAfter(), r.paramsAfter());
        assertArrayEquals(f.stateAfter(), r.stateAfter());

        assertTrue(Double.isFinite(f.score()) && f.score() > 0, "a cross-entropy");
        assertTrue(f.rules().stream().anyMatch(u -> u.kind() == UpdateRule.Kind.NESTEROV && u.l2() > 0), "weights");
        assertTrue(f.rules().stream().anyMatch(u -> u.kind() == UpdateRule.Kind.NONE), "running statistics");
        int moved = 0;
        for (int i = 0; i < f.params().length; i++) {
            moved += f.params()[i] != f.paramsAfter()[i] ? 1 : 0;
        }
        assertTrue(moved > f.params().length / 2, "the step moved most parameters: " + moved);
        assertTrue(f.state().length == f.plan().stateLength() && f.params().length == f.plan().length());
    }

    @Test
    void aDamagedFileIsNamed() throws IOException {
        Path file = tmp.resolve("step.bin");
        StepFixtureWriter.fixture(2, 2, 1).write(file);
        byte[] all = Files.readAllBytes(file);
        Path cut = tmp.resolve("cut.bin");
        Files.write(cut, java.util.Arrays.copyOf(all, all.length / 2));
        IOException e = assertThrows(IOException.class, () -> StepFixture.read(cut));
        assertTrue(e.getMessage().contains("cut.bin") || String.valueOf(e.getCause()).contains("EOF"), e.getMessage());
    }
}
