package io.github.abasnn.kernel;

import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.SpikeQuantizer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-pass CPU kernels of the refined neuron (method.md §3), equal to {@code neuron.RefinedNeuron} /
 * {@code neuron.EventNeuron} but one loop over memory per call instead of a chain of ND4J ops. The backward pass
 * recomputes the membrane recurrence from the input instead of storing every step, so nothing but the input is
 * kept between forward and backward. Work is split in chunks over the common fork-join pool.
 *
 * <p>Options beyond the spec, for the paper's ablations: a leak ({@code decay = 1/tau} applied to the reset
 * membrane; 1 is the method) and {@link Firing#FLOOR}.
 */
public final class FusedNeuron {
    private static final double LN2 = Math.log(2);
    private static final int CHUNK = 1 << 15;

    private final boolean signed;
    private final double decay;
    private final Firing firing;

    public FusedNeuron(boolean signed, double decay, Firing firing) {
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("leak decay 1/tau must lie in (0, 1], got " + decay);
        }
        this.signed = signed;
        this.decay = decay;
        this.firing = firing;
    }

    public static FusedNeuron method(boolean signed) {
        return new FusedNeuron(signed, 1.0, Firing.ROUND);
    }

    /** Whether these kernels can run on {@code a} (host memory, dense). */
    public static boolean supports(INDArray a) {
        return Vec.supports(a);
    }

    /**
     * Time-free input: writes {@code out = sum_t s_t / T} and returns the nonzero spike count of each step.
     *
     * @param steps step sizes, at least {@code t} of them; {@code bits} likewise
     */
    public long[] forward(INDArray x, INDArray out, int t, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec ov = Vec.of(out);
        int n = (int) xv.length();
        int[] qmax = qmax(bits, t);
        long[][] partial = new long[chunks(n)][];
        IntStream.range(0, partial.length).parallel().forEach(c -> {
            long[] nz = new long[t];
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double xi = xv.get(i);
                double m = xi;
                double sum = 0;
                for (int s = 0; s < t; s++) {
                    double level = SpikeLevels.level(m / steps[s], bits[s], qmax[s], signed, firing);
                    double spike = level * steps[s];
                    if (level != 0) {
                        nz[s]++;
                    }
                    sum += spike;
                    m = decay * (m - spike) + xi;
                }
                ov.set(i, sum / t);
            }
            partial[c] = nz;
        });
        return sumColumns(partial, t);
    }

    /** Writes the membrane potential {@code m_t} that step {@code t}'s quantizer sees (for step-size renewal). */
    public void membrane(INDArray x, INDArray dst, int t, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec dv = Vec.of(dst);
        int n = (int) xv.length();
        int[] qmax = qmax(bits, t);
        IntStream.range(0, chunks(n)).parallel().forEach(c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double xi = xv.get(i);
                double m = xi;
                for (int s = 0; s < t; s++) {
                    double spike = SpikeLevels.level(m / steps[s], bits[s], qmax[s], signed, firing) * steps[s];
                    m = decay * (m - spike) + xi;
                }
                dv.set(i, m);
            }
        });
    }

    /**
     * Backward of {@link #forward}: writes {@code gradX} and returns the step, bit (w.r.t. the integer width) and
     * temporal gradients.
     */
    public Gradients backward(INDArray x, INDArray gradOut, INDArray gradX, int t, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec gv = Vec.of(gradOut);
        Vec gx = Vec.of(gradX);
        int n = (int) xv.length();
        int[] qmax = qmax(bits, t);
        double[][] partial = new double[chunks(n)][];
        IntStream.range(0, partial.length).parallel().forEach(c -> {
            double[] acc = new double[2 * t + 1]; // step terms, bit terms, sum(gradOut * out * T)
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double xi = xv.get(i);
                double go = gv.get(i);
                double m = xi;
                double grad = 0;
                double sum = 0;
                for (int s = 0; s < t; s++) {
                    double v = m / steps[s];
                    double level = SpikeLevels.level(v, bits[s], qmax[s], signed, firing);
                    double spike = level * steps[s];
                    sum += spike;
                    if (v > qmax[s]) {
                        acc[s] += go * qmax[s];
                        acc[t + s] += go;
                    } else if (v < (signed ? -qmax[s] : 0)) {
                        if (signed) {
                            acc[s] -= go * qmax[s];
                            acc[t + s] -= go;
                        }
                    } else {
                        grad += go;
                        acc[s] += go * (level - v);
                    }
                    m = decay * (m - spike) + xi;
                }
                gx.set(i, grad / t);
                acc[2 * t] += go * sum;
            }
            partial[c] = acc;
        });
        double[] acc = sumColumns(partial, 2 * t + 1);
        double[] gradSteps = new double[t];
        double[] gradBits = new double[t];
        for (int s = 0; s < t; s++) {
            // every step's upstream gradient is dL/dout / T
            gradSteps[s] = acc[s] / t / Math.sqrt((double) n * qmax[s]);
            gradBits[s] = acc[t + s] / t * LN2 * steps[s] * (qmax[s] + (bits[s] > 1 ? 1 : 0));
        }
        double gradT = -acc[2 * t] / t / t;
        return new Gradients(gradSteps, gradBits, gradT);
    }

    /**
     * Input with a real time axis, time-major: step {@code s} of element {@code i} sits at {@code s * n + i},
     * {@code n = length / t}. Writes every step's spikes to {@code out} (same layout) and returns nonzero counts.
     */
    public long[] forwardUnrolled(INDArray x, INDArray out, int t, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec ov = Vec.of(out);
        int n = perStep(xv, t);
        int[] qmax = qmax(bits, t);
        long[][] partial = new long[chunks(n)][];
        IntStream.range(0, partial.length).parallel().forEach(c -> {
            long[] nz = new long[t];
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double m = 0;
                double spike = 0;
                for (int s = 0; s < t; s++) {
                    m = s == 0 ? xv.get(i) : decay * (m - spike) + xv.get(s * n + i);
                    double level = SpikeLevels.level(m / steps[s], bits[s], qmax[s], signed, firing);
                    spike = level * steps[s];
                    if (level != 0) {
                        nz[s]++;
                    }
                    ov.set(s * n + i, spike);
                }
            }
            partial[c] = nz;
        });
        return sumColumns(partial, t);
    }

    /** Membrane of step {@code t} of a time-major input, into {@code dst} of one step's size. */
    public void membraneUnrolled(INDArray x, INDArray dst, int t, int totalSteps, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec dv = Vec.of(dst);
        int n = perStep(xv, totalSteps);
        int[] qmax = qmax(bits, t);
        IntStream.range(0, chunks(n)).parallel().forEach(c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double m = xv.get(i);
                for (int s = 0; s < t; s++) {
                    double spike = SpikeLevels.level(m / steps[s], bits[s], qmax[s], signed, firing) * steps[s];
                    m = decay * (m - spike) + xv.get((s + 1) * n + i);
                }
                dv.set(i, m);
            }
        });
    }

    /** Backward of {@link #forwardUnrolled}: one upstream gradient per step, same layout. */
    public Gradients backwardUnrolled(INDArray x, INDArray gradOut, INDArray gradX, int t, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec gv = Vec.of(gradOut);
        Vec gx = Vec.of(gradX);
        int n = perStep(xv, t);
        int[] qmax = qmax(bits, t);
        double[][] partial = new double[chunks(n)][];
        IntStream.range(0, partial.length).parallel().forEach(c -> {
            double[] acc = new double[2 * t];
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double m = 0;
                double spike = 0;
                for (int s = 0; s < t; s++) {
                    int at = s * n + i;
                    m = s == 0 ? xv.get(i) : decay * (m - spike) + xv.get(at);
                    double v = m / steps[s];
                    double level = SpikeLevels.level(v, bits[s], qmax[s], signed, firing);
                    spike = level * steps[s];
                    double go = gv.get(at);
                    if (v > qmax[s]) {
                        acc[s] += go * qmax[s];
                        acc[t + s] += go;
                        gx.set(at, 0);
                    } else if (v < (signed ? -qmax[s] : 0)) {
                        if (signed) {
                            acc[s] -= go * qmax[s];
                            acc[t + s] -= go;
                        }
                        gx.set(at, 0);
                    } else {
                        acc[s] += go * (level - v);
                        gx.set(at, go);
                    }
                }
            }
            partial[c] = acc;
        });
        double[] acc = sumColumns(partial, 2 * t);
        double[] gradSteps = new double[t];
        double[] gradBits = new double[t];
        for (int s = 0; s < t; s++) {
            gradSteps[s] = acc[s] / Math.sqrt((double) n * qmax[s]);
            gradBits[s] = acc[t + s] * LN2 * steps[s] * (qmax[s] + (bits[s] > 1 ? 1 : 0));
        }
        return new Gradients(gradSteps, gradBits, 0);
    }

    private int[] qmax(int[] bits, int t) {
        int[] q = new int[t];
        for (int s = 0; s < t; s++) {
            q[s] = SpikeQuantizer.qmax(bits[s], signed);
        }
        return q;
    }

    private static int perStep(Vec x, int t) {
        if (x.length() % t != 0) {
            throw new IllegalArgumentException("time-major input of " + x.length() + " elements is not divisible by T = " + t);
        }
        return (int) (x.length() / t);
    }

    private static int chunks(int n) {
        return (n + CHUNK - 1) / CHUNK;
    }

    private static long[] sumColumns(long[][] rows, int width) {
        long[] total = new long[width];
        for (long[] r : rows) {
            for (int j = 0; j < width; j++) {
                total[j] += r[j];
            }
        }
        return total;
    }

    private static double[] sumColumns(double[][] rows, int width) {
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
