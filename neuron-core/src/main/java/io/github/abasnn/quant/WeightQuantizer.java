package io.github.abasnn.quant;

import io.github.abasnn.tensor.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Symmetric narrow-range weight quantizer with a learnable step (LSQ) and bit width (method.md §2).
 *
 * <pre>
 * qmax = 2^(b-1) - 1 (b &gt; 1), 1 (b = 1);  v = w / a
 * b &gt; 1: wq = a * round(clip(v, -qmax, qmax));   b = 1: wq = a * (v &gt; 0 ? 1 : -1)
 * dL/dw = dL/dwq * [|v| &lt;= qmax]
 * dL/da = scale * sum dL/dwq * (in ? wq/a - v : qmax sign(v))     scale: {@link StepGradient}
 * dL/db = sum dL/dwq * (in ? 0 : sign(v) ln2 a (qmax + [b &gt; 1]))
 * </pre>
 */
public final class WeightQuantizer {
    private static final double LN2 = Math.log(2);

    private WeightQuantizer() {}

    /** Largest integer level for {@code bits}. */
    public static int qmax(int bits) {
        BitWidth.checkBits(bits);
        return bits > 1 ? (1 << (bits - 1)) - 1 : 1;
    }

    /** Forward pass; keeps what the backward pass needs. */
    public static Forward forward(INDArray w, double step, int bits) {
        StepSize.check(step, "weight step size");
        int qmax = qmax(bits);
        INDArray v = w.div(step);
        INDArray levels = bits > 1
                ? Tensors.roundHalfAway(Tensors.clip(v, -qmax, qmax))
                : Tensors.mask(v.gt(0), v).muli(2).subi(1);
        return new Forward(levels.mul(step), levels, v, step, bits);
    }

    /** Backward pass for the upstream gradient {@code gradOut = dL/dwq}, canonical step gradient. */
    public static QuantizerGradients backward(Forward f, INDArray gradOut) {
        return backward(f, gradOut, StepGradient.LSQ);
    }

    /** Backward pass for the upstream gradient {@code gradOut = dL/dwq}, step gradient scaled by {@code rule}. */
    public static QuantizerGradients backward(Forward f, INDArray gradOut, StepGradient rule) {
        int qmax = qmax(f.bits());
        INDArray inRange = Tensors.mask(Transforms.abs(f.v(), true).lte(qmax), f.v());
        INDArray outOfRange = inRange.rsub(1);
        INDArray signV = Transforms.sign(f.v(), true);

        INDArray gradW = gradOut.mul(inRange);
        // in range: wq/a - v; outside: qmax * sign(v)
        INDArray stepTerm = f.levels().sub(f.v()).muli(inRange).addi(signV.mul(outOfRange).muli(qmax));
        double gradStep = rule.scale(f.v().shape(), qmax) * Tensors.dot(gradOut, stepTerm);
        double bitFactor = LN2 * f.step() * (qmax + (f.bits() > 1 ? 1 : 0));
        double gradBits = Tensors.dot(gradOut, signV.muli(outOfRange)) * bitFactor;
        return new QuantizerGradients(gradW, gradStep, gradBits);
    }

    /**
     * One weight-quantizer call.
     *
     * @param output quantized weights {@code a * levels}
     * @param levels integer levels {@code wq / a}
     * @param v      scaled input {@code w / a}
     */
    public record Forward(INDArray output, INDArray levels, INDArray v, double step, int bits) {}
}
