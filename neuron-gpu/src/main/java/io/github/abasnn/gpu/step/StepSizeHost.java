package io.github.abasnn.gpu.step;

import io.github.abasnn.plan.PlanOp;
import java.util.Map;

/**
 * What a device step hands to the host: a quantized layer's LSQ initialisation (its first training batch) and
 * step-size renewal (an integer bit width moved since its step size was fitted), method.md §1 and §4. Both are rare
 * and need the layer's input, so the device copies the layer's parameters and input out, the host runs the CPU's own
 * code on them, and the parameters go back. The trainer's implementation runs neuron-core's (ND4J); the device check
 * needs none, its fixture step being past both.
 */
public interface StepSizeHost {
    /**
     * Initialises and renews layer {@code op}'s step sizes in place: {@code params} maps each of its parameter keys to
     * its values (c order), {@code input} is the layer's input batch of shape {@code inputShape}.
     */
    void prepare(PlanOp.QuantLinear op, Map<String, float[]> params, float[] input, long[] inputShape);

    /** A host that has no ND4J: refuses, naming the layer and what it needed. */
    StepSizeHost NONE = (op, params, input, shape) -> {
        throw new IllegalStateException("layer " + op.name() + " needs LSQ initialisation or step-size renewal,"
                + " which run on the host with neuron-core's ND4J code; this class path has no host for them");
    };
}
