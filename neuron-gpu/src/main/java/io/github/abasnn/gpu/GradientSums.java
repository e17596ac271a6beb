package io.github.abasnn.gpu;

import io.github.abasnn.kernel.FusedNeuron;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.StepGradient;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The gradients of the step sizes, bit widths and T from the raw terms a kernel summed over the elements
 * ({@code kernels/elements.cuh}): the scaling the CPU kernels apply after their own sums (method.md §3, §2), written
 * once for every backend that sums on a device.
 */
public final class GradientSums {
    private static final double LN2 = Math.log(2);

    private GradientSums() {}

    /**
     * A time-free neuron's gradients from {@code sums} = step terms [t], bit terms [t], {@code sum go * sum_t s_t}:
     * every step's upstream gradient is {@code dL/dout / T}; the step gradient carries LSQ's {@code 1/sqrt(N qmax)}.
     *
     * @param elements the input's element count N
     */
    public static FusedNeuron.Gradients timeFree(double[] sums, int t, long elements, double[] steps, int[] bits,
                                                 int[] qmax) {
        double[] gradSteps = new double[t];
        double[] gradBits = new double[t];
        for (int s = 0; s < t; s++) {
            gradSteps[s] = sums[s] / t / Math.sqrt((double) elements * qmax[s]);
            gradBits[s] = sums[t + s] / t * LN2 * steps[s] * (qmax[s] + (bits[s] > 1 ? 1 : 0));
        }
        return new FusedNeuron.Gradients(gradSteps, gradBits, -sums[2 * t] / t / t);
    }

    /** An event neuron's gradients from {@code sums} = step terms [t], bit terms [t]; T is the frames, no gradient. */
    public static FusedNeuron.Gradients event(double[] sums, int t, long perStep, double[] steps, int[] bits,
                                              int[] qmax) {
        double[] gradSteps = new double[t];
        double[] gradBits = new double[t];
        for (int s = 0; s < t; s++) {
            gradSteps[s] = sums[s] / Math.sqrt((double) perStep * qmax[s]);
            gradBits[s] = sums[t + s] * LN2 * steps[s] * (qmax[s] + (bits[s] > 1 ? 1 : 0));
        }
        return new FusedNeuron.Gradients(gradSteps, gradBits, 0);
    }

    /**
     * A weight quantizer's gradients from {@code sums} = step term, bit term, with {@code gradW} the weights'
     * gradient the kernel wrote; the step term scaled by the layer's rule for the weights' shape.
     */
    public static QuantizerGradients weight(double[] sums, INDArray gradW, long[] shape, double step, int bits,
                                            StepGradient rule) {
        int qmax = io.github.abasnn.quant.WeightQuantizer.qmax(bits);
        return new QuantizerGradients(gradW, sums[0] * rule.scale(shape, qmax),
                sums[1] * LN2 * step * (qmax + (bits > 1 ? 1 : 0)));
    }
}
