package io.github.abasnn.kernel;

import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.quant.WeightEngine;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The weight quantizer through the fused CPU kernel ({@link FusedWeightQuantizer}): one loop each way; the backward
 * pass recomputes the levels from the weights kept from the forward. For weights {@link #supports} accepts.
 */
public final class FusedWeightEngine implements WeightEngine {
    private INDArray weights;
    private double step;
    private int bits;

    /** Whether the kernel can run on {@code w}: float or double in host memory, c order, contiguous. */
    public static boolean supports(INDArray w) {
        return Vec.supports(w);
    }

    @Override
    public INDArray forward(INDArray w, double step, int bits) {
        INDArray out = Nd4j.createUninitialized(w.dataType(), w.shape(), 'c');
        FusedWeightQuantizer.forward(w, out, step, bits);
        this.weights = w;
        this.step = step;
        this.bits = bits;
        return out;
    }

    @Override
    public QuantizerGradients backward(INDArray gradOut, StepGradient rule) {
        if (weights == null) {
            throw new IllegalStateException("weight quantizer backward before any forward");
        }
        INDArray g = supports(gradOut) ? gradOut : gradOut.dup('c');
        return FusedWeightQuantizer.backward(weights, g, g.like(), step, bits, rule);
    }
}
