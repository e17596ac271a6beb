package io.github.abasnn.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.loss.CostTarget;
import io.github.abasnn.renewal.SwitchOffRule;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The objective is chosen once from the configuration, and each kind answers for itself. */
class ObjectiveTest {
    static TrainConfig config(boolean uniform, CostTarget cost) {
        TrainConfig c = TinyConfigs.resnet(Path.of("unused"), Path.of("unused"), 1, 1, 1);
        TrainConfig.Bits b = c.bits();
        return c.withBits(new TrainConfig.Bits(b.initWeightBits(), b.initSpikeBits(), b.initTimeSteps(), uniform,
                uniform ? BitTargets.parse("4/4/2") : b.targets(), null, 1, cost, b.costPenalty(), 0));
    }

    @Test
    void eachConfigurationGetsItsObjective() {
        assertInstanceOf(Objective.Uniform.class, Objective.of(config(true, null)));
        assertInstanceOf(Objective.BitTargets.class, Objective.of(config(false, null)));
        assertInstanceOf(Objective.CostBudget.class, Objective.of(config(false,
                new CostTarget(CostTarget.Kind.SACE, 0.05, null))));
    }

    @Test
    void theUniformBaselineHasNoPenaltyAndRenewsNothing() {
        Objective uniform = Objective.of(config(true, null));
        Objective.EpochEnd end = uniform.endEpoch(List.of(), SwitchOffRule.cifar(), 1);
        assertEquals(0, end.penalty());
        assertArrayEquals(new boolean[] {false, false}, end.renewal());
        assertNull(uniform.lastBits());
    }
}
