package io.github.abasnn.sweep;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AshaStoppingTest {
    static TrialCurve curve(double... accuracy) {
        return new TrialCurve(accuracy, new double[accuracy.length]);
    }

    @Test
    void rungsAreGeometric() {
        AshaStopping a = new AshaStopping(1, 3, List.of());
        assertTrue(a.isRung(1) && a.isRung(3) && a.isRung(9));
        assertFalse(a.isRung(2) || a.isRung(4) || a.isRung(8));
    }

    @Test
    void onlyTheTopThirdGoesOnAtARung() {
        // five finished trials reached epoch 1; with the running one, six: the top two go on
        AshaStopping a = new AshaStopping(1, 3, List.of()).against(List.of(curve(0.5, 0.6), curve(0.6, 0.7),
                curve(0.7, 0.8), curve(0.8, 0.85), curve(0.9, 0.95)));
        assertTrue(a.shouldStop(ParetoStoppingTest.run(0.75, 1)), "third best of six");
        assertFalse(a.shouldStop(ParetoStoppingTest.run(0.85, 1)), "second best of six");
        assertFalse(a.shouldStop(ParetoStoppingTest.run(0.1, 1, 0.2, 1)), "epoch 2 is no rung");
        assertFalse(new AshaStopping(1, 3, List.of()).against(List.of(curve(0.9))).shouldStop(
                ParetoStoppingTest.run(0.1, 1)), "a rung with fewer than eta trials lets everyone through");
        assertThrows(IllegalArgumentException.class, () -> new AshaStopping(1, 1, List.of()));
    }
}
