package io.github.abasnn.plan;

import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.StepGradient;

/**
 * What a step needs of a quantized layer's configuration, in plain values: its neuron (signed first-layer input,
 * membrane decay, firing, event frames, T_max, bit bounds), what it learns, its step-gradient rule, its weights' shape
 * and bias. A plan carries these rather than DL4J's configuration, so a backend without DL4J can run it.
 */
public record QuantLayerSpec(boolean first, double decay, Firing firing, int frames, int maxTimeSteps,
                             int neuronSteps, double spikeBitBound, double weightBitBound, boolean learnWeightBits,
                             boolean learnSpikeBits, boolean learnTimeSteps, StepGradient stepGradient,
                             boolean hasBias, long[] weightShape) {

    @Override
    public boolean equals(Object o) {
        return o instanceof QuantLayerSpec s && first == s.first && decay == s.decay && firing == s.firing
                && frames == s.frames && maxTimeSteps == s.maxTimeSteps && neuronSteps == s.neuronSteps
                && spikeBitBound == s.spikeBitBound && weightBitBound == s.weightBitBound
                && learnWeightBits == s.learnWeightBits && learnSpikeBits == s.learnSpikeBits
                && learnTimeSteps == s.learnTimeSteps && stepGradient == s.stepGradient && hasBias == s.hasBias
                && java.util.Arrays.equals(weightShape, s.weightShape);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(first, decay, firing, frames, neuronSteps, hasBias)
                * 31 + java.util.Arrays.hashCode(weightShape);
    }

    @Override
    public String toString() {
        return "QuantLayerSpec[first=" + first + ", frames=" + frames + ", T_max=" + maxTimeSteps + ", weights="
                + java.util.Arrays.toString(weightShape) + "]";
    }
}
