package io.github.abasnn.quant;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The weight quantizer as ND4J op chains ({@link WeightQuantizer}): runs on any backend; the definition. */
public final class ReferenceWeightEngine implements WeightEngine {
    private WeightQuantizer.Forward last;

    @Override
    public INDArray forward(INDArray w, double step, int bits) {
        last = WeightQuantizer.forward(w, step, bits);
        return last.output();
    }

    @Override
    public QuantizerGradients backward(INDArray gradOut, StepGradient rule) {
        if (last == null) {
            throw new IllegalStateException("weight quantizer backward before any forward");
        }
        return WeightQuantizer.backward(last, gradOut, rule);
    }
}
