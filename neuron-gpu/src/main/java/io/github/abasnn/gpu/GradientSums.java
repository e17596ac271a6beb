package io.github.abasnn.gpu;

import io.github.abasnn.quant.StepGradient;

/**
 * The gradients of the step sizes, bit widths and T from the raw terms a kernel summed over the elements
 * ({@code kernels/elements.cuh}): the scaling the CPU kernels apply after their own sums (method.md §3, §2), written
 * once for every backend that sums on a device. Plain arrays, no ND4J: the device check runs without it.
 */
public final class GradientSums {
    private static final double LN2 = Math.log(2);

    private GradientSums() {}

    /** A neuron's gradients w.r.t. each computed step's step size and integer bit width, and {@code T_hat}. */
    public record Neuron(double[] steps, double[] bits, double tHat) {}

    /** A weight quantizer's gradients w.r.t. its step size and integer bit width. */
    public record Weight(double step, double bits) {}

    /**
     * A time-free neuron's gradients from {@code sums} = step terms [t], bit terms [t], {@code sum go * sum_t s_t}:
     * every step's upstream gradient is {@code dL/dout / T}; the step gradient carries LSQ's {@code 1/sqrt(N qmax)}.
     *
     * @param elements the input's element count N
     */
    public static Neuron timeFree(double[] sums, int t, long elements, double[] steps, int[] bits, int[] qmax) {
        double[] gradSteps = new double[t];
        double[] gradBits = new double[t];
        for (int s = 0; s < t; s++) {
            gradSteps[s] = sums[s] / t / Math.sqrt((double) elements * qmax[s]);
            gradBits[s] = sums[t + s] / t * LN2 * steps[s] * (qmax[s] + (bits[s] > 1 ? 1 : 0));
        }
        return new Neuron(gradSteps, gradBits, -sums[2 * t] / t / t);
    }

    /** An event neuron's gradients from {@code sums} = step terms [t], bit terms [t]; T is the frames, no gradient. */
    public static Neuron event(double[] sums, int t, long perStep, double[] steps, int[] bits, int[] qmax) {
        double[] gradSteps = new double[t];
        double[] gradBits = new double[t];
        for (int s = 0; s < t; s++) {
            gradSteps[s] = sums[s] / Math.sqrt((double) perStep * qmax[s]);
            gradBits[s] = sums[t + s] * LN2 * steps[s] * (qmax[s] + (bits[s] > 1 ? 1 : 0));
        }
        return new Neuron(gradSteps, gradBits, 0);
    }

    /**
     * A weight quantizer's gradients from {@code sums} = step term, bit term; the step term scaled by the layer's rule
     * for the weights' shape.
     */
    public static Weight weight(double[] sums, long[] shape, double step, int bits, StepGradient rule) {
        int qmax = NeuronParams.qmax(bits, true);
        return new Weight(sums[0] * rule.scale(shape, qmax), sums[1] * LN2 * step * (qmax + (bits > 1 ? 1 : 0)));
    }
}
