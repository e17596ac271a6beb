package io.github.abasnn.kernel;

import io.github.abasnn.neuron.NeuronEngine;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.SpikeQuantizer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-pass CPU kernels of the refined neuron (method.md §3), equal to {@code neuron.RefinedNeuron} /
 * {@code neuron.EventNeuron} but one loop over memory per call instead of a chain of ND4J ops, in the two forms an
 * input takes: {@link FusedTimeFreeNeuron} (a static input integrated over T steps, output {@code sum_t s_t / T}) and
 * {@link FusedEventNeuron} (a time-major input with one frame per step, a spike map per step). The backward pass
 * recomputes the membrane recurrence from the input instead of storing every step, so nothing but the input is kept
 * between forward and backward. Work is split in chunks over the common fork-join pool.
 *
 * <p>Options beyond the spec, for the paper's ablations: a leak ({@code decay = 1/tau} applied to the reset
 * membrane; 1 is the method) and {@link Firing#FLOOR}.
 */
public abstract sealed class FusedNeuron permits FusedTimeFreeNeuron, FusedEventNeuron {
    static final double LN2 = Math.log(2);
    static final int CHUNK = 1 << 15;

    final boolean signed;
    final double decay;
    final Firing firing;

    FusedNeuron(boolean signed, double decay, Firing firing) {
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("leak decay 1/tau must lie in (0, 1], got " + decay);
        }
        this.signed = signed;
        this.decay = decay;
        this.firing = firing;
    }

    /** The kernel of the form {@code spec}'s input takes. */
    public static FusedNeuron of(NeuronEngine.Spec spec) {
        return switch (spec.input()) {
            case TIME_FREE -> new FusedTimeFreeNeuron(spec.signed(), spec.decay(), spec.firing());
            case FRAMES -> new FusedEventNeuron(spec.signed(), spec.decay(), spec.firing());
        };
    }

    /** Whether these kernels can run on {@code a} (host memory, dense). */
    public static boolean supports(INDArray a) {
        return Vec.supports(a);
    }

    /**
     * Writes the spikes of {@code x} to {@code out} (the form's layout) and returns the nonzero spike count of each
     * step when {@code count} is set (evaluation), else zeros (counting costs a data-dependent branch per element).
     *
     * @param steps step sizes, at least {@code t} of them; {@code bits} likewise
     * @throws IllegalArgumentException when the input holds NaN or an infinity
     */
    public abstract long[] forward(INDArray x, INDArray out, int t, double[] steps, int[] bits, boolean count);

    /** {@link #forward(INDArray, INDArray, int, double[], int[], boolean)} with spike counting. */
    public long[] forward(INDArray x, INDArray out, int t, double[] steps, int[] bits) {
        return forward(x, out, t, steps, bits, true);
    }

    /**
     * Backward of {@link #forward}: writes {@code gradX} and returns the step, bit (w.r.t. the integer width) and
     * temporal gradients.
     */
    public abstract Gradients backward(INDArray x, INDArray gradOut, INDArray gradX, int t, double[] steps,
                                       int[] bits);

    /**
     * The membrane potential step {@code t}'s quantizer sees (for step-size renewal), one step's size, of an input
     * run over {@code timeSteps} steps.
     */
    public abstract INDArray membrane(INDArray x, int t, int timeSteps, double[] steps, int[] bits);

    static void requireFinite(boolean[] bad) {
        for (boolean b : bad) {
            if (b) {
                throw new IllegalArgumentException("neuron input contains NaN or an infinite value");
            }
        }
    }

    /** {@code 1/g}: a multiply per element instead of a divide (the reference divides; they agree to an ulp). */
    static double[] reciprocals(double[] steps, int t) {
        double[] inv = new double[t];
        for (int s = 0; s < t; s++) {
            inv[s] = 1.0 / steps[s];
        }
        return inv;
    }

    int[] qmax(int[] bits, int t) {
        int[] q = new int[t];
        for (int s = 0; s < t; s++) {
            q[s] = SpikeQuantizer.qmax(bits[s], signed);
        }
        return q;
    }

    static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    static long[] sumColumns(long[][] rows, int width) {
        long[] total = new long[width];
        for (long[] r : rows) {
            for (int j = 0; j < width; j++) {
                total[j] += r[j];
            }
        }
        return total;
    }

    static double[] sumColumns(double[][] rows, int width) {
        double[] total = new double[width];
        for (double[] r : rows) {
            for (int j = 0; j < width; j++) {
                total[j] += r[j];
            }
        }
        return total;
    }

    /**
     * Gradients w.r.t. each computed step's step size and integer bit width, and {@code T_hat}
     * (zero for the unrolled form, whose T is the number of frames).
     */
    public record Gradients(double[] steps, double[] bits, double tHat) {}
}
