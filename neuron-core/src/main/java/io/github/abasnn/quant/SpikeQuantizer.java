package io.github.abasnn.quant;

import io.github.abasnn.tensor.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The firing function: a spike quantizer with a learnable step {@code g} (the firing threshold) and bit width
 * (method.md §2). Unsigned spikes carry {@code 0..2^b-1} units of the threshold; signed ones (first layer only)
 * carry {@code -qmax..qmax}.
 *
 * <pre>
 * unsigned: b &gt; 1: y = g round(clip(v, 0, qmax)); b = 1: y = g [v &gt; 0.5]
 * signed:   b &gt; 1: y = g round(clip(v, -qmax, qmax)); b = 1: y = g (v &gt; 0 ? 1 : -1)
 * dL/dx = dL/dy * mid
 * dL/dg = 1/sqrt(numel qmax) sum dL/dy (mid ? y/g - v : hi or signed ? qmax sign(y/g) : 0)
 * dL/db = sum dL/dy flag sign(y/g) ln2 g (qmax + [b &gt; 1]),  flag = hi (unsigned) or hi|lo (signed)
 * </pre>
 */
public final class SpikeQuantizer {
    private static final double LN2 = Math.log(2);

    private SpikeQuantizer() {}

    /** Largest integer level. */
    public static int qmax(int bits, boolean signed) {
        BitWidth.checkBits(bits);
        if (signed) {
            return bits > 1 ? (1 << (bits - 1)) - 1 : 1;
        }
        return (1 << bits) - 1;
    }

    /** Smallest integer level: 0 unsigned, {@code -qmax} signed. */
    public static int qmin(int bits, boolean signed) {
        return signed ? -qmax(bits, true) : 0;
    }

    /** Integer levels {@code y/g} of the spike for the scaled input {@code v = x/g}. */
    public static INDArray levels(INDArray v, int bits, boolean signed) {
        return levels(v, bits, signed, Firing.ROUND);
    }

    /** As {@link #levels(INDArray, int, boolean)}, with the flooring ablation for unsigned spikes. */
    public static INDArray levels(INDArray v, int bits, boolean signed, Firing firing) {
        int qmax = qmax(bits, signed);
        if (!signed && firing == Firing.FLOOR) {
            return Transforms.floor(Tensors.clip(v, 0, qmax), false);
        }
        if (bits > 1) {
            return Tensors.roundHalfAway(Tensors.clip(v, signed ? -qmax : 0, qmax));
        }
        return signed ? Tensors.mask(v.gt(0), v).muli(2).subi(1) : Tensors.mask(v.gt(0.5), v);
    }

    /** Forward pass; keeps what the backward pass needs. */
    public static Forward forward(INDArray x, double step, int bits, boolean signed) {
        return forward(x, step, bits, signed, Firing.ROUND);
    }

    /** Forward pass with a chosen {@link Firing} (the backward pass is the same straight-through estimator). */
    public static Forward forward(INDArray x, double step, int bits, boolean signed, Firing firing) {
        StepSize.check(step, "spike step size");
        INDArray v = x.div(step);
        INDArray levels = levels(v, bits, signed, firing);
        return new Forward(levels.mul(step), levels, v, step, bits, signed);
    }

    /** Backward pass for the upstream gradient {@code gradOut = dL/dy}. */
    public static QuantizerGradients backward(Forward f, INDArray gradOut) {
        int qmax = qmax(f.bits(), f.signed());
        INDArray v = f.v();
        INDArray hi = Tensors.mask(v.gt(qmax), v);
        INDArray lo = Tensors.mask(v.lt(f.signed() ? -qmax : 0), v);
        INDArray mid = hi.add(lo).rsubi(1);
        INDArray signLevel = Transforms.sign(f.levels(), true);
        INDArray clipped = f.signed() ? hi.add(lo) : hi;

        INDArray gradX = gradOut.mul(mid);
        INDArray stepTerm = f.levels().sub(v).muli(mid).addi(signLevel.mul(clipped).muli(qmax));
        double gScale = 1.0 / Math.sqrt((double) v.length() * qmax);
        double gradStep = gScale * Tensors.dot(gradOut, stepTerm);
        double bitFactor = LN2 * f.step() * (qmax + (f.bits() > 1 ? 1 : 0));
        double gradBits = Tensors.dot(gradOut, signLevel.muli(clipped)) * bitFactor;
        return new QuantizerGradients(gradX, gradStep, gradBits);
    }

    /**
     * One spike-quantizer call.
     *
     * @param output spikes in input units, {@code g * levels}
     * @param levels integer spikes {@code y/g}
     * @param v      scaled input {@code x / g}
     */
    public record Forward(INDArray output, INDArray levels, INDArray v, double step, int bits, boolean signed) {}
}
