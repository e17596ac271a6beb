package io.github.abasnn.kernel;

import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.SpikeQuantizer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Single-pass CPU kernels of the refined neuron (method.md §3), equal to {@code neuron.RefinedNeuron} /
 * {@code neuron.EventNeuron} but one loop over memory per call instead of a chain of ND4J ops. The backward pass
 * recomputes the membrane recurrence from the input instead of storing every step, so nothing but the input is
 * kept between forward and backward. Work is split in chunks over the common fork-join pool; within a chunk the
 * time-free kernels go step by step (each step's parameters fixed for its loop), every element seeing the same
 * operations in the same order as element by element.
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
     * Time-free input: writes {@code out = sum_t s_t / T}. Returns the nonzero spike count of each step when
     * {@code count} is set (evaluation), else zeros (counting costs a data-dependent branch per element).
     *
     * @param steps step sizes, at least {@code t} of them; {@code bits} likewise
     * @throws IllegalArgumentException when the input holds NaN or an infinity
     */
    public long[] forward(INDArray x, INDArray out, int t, double[] steps, int[] bits, boolean count) {
        Vec xv = Vec.of(x);
        Vec ov = Vec.of(out);
        int n = (int) xv.length();
        int[] qmax = qmax(bits, t);
        double[] inv = reciprocals(steps, t);
        long[][] partial = new long[chunks(n)][];
        boolean[] bad = new boolean[partial.length];
        IntStream.range(0, partial.length).parallel().forEach(c -> {
            // step-major within a chunk: each step's loop has its parameters fixed, so it compiles branch-light;
            // every element sees the same operations in the same order as the element-major definition
            long[] nz = new long[t];
            int from = c * CHUNK;
            int len = Math.min(n, from + CHUNK) - from;
            Scratch w = SCRATCH.get();
            double[] xs = w.a;
            double[] m = w.b;
            double[] sum = w.c;
            boolean nonFinite = false;
            for (int i = 0; i < len; i++) {
                double xi = xv.get(from + i);
                nonFinite |= xi - xi != 0; // NaN or infinite
                xs[i] = xi;
                m[i] = xi;
                sum[i] = 0;
            }
            for (int s = 0; s < t; s++) {
                nz[s] = step(xs, m, sum, len, inv[s], steps[s], bits[s], qmax[s], count);
            }
            for (int i = 0; i < len; i++) {
                ov.set(from + i, sum[i] / t);
            }
            partial[c] = nz;
            bad[c] = nonFinite;
        });
        requireFinite(bad);
        return sumColumns(partial, t);
    }

    /**
     * One step over a chunk: {@code level = L(m * inv)}, {@code spike = level * step}, {@code sum += spike},
     * {@code m = decay (m - spike) + x}; returns the nonzero levels when {@code count}. The level function is
     * {@link SpikeLevels#level}'s, specialised to this step's parameters.
     */
    private long step(double[] xs, double[] m, double[] sum, int len, double inv, double step, int bits, int qmax,
                      boolean count) {
        long nz = 0;
        double d = decay;
        if (!signed && firing == Firing.ROUND && bits > 1) { // the common case: a hidden layer's multi-bit spikes
            double q = qmax;
            for (int i = 0; i < len; i++) {
                double v = m[i] * inv;
                // min/max give the clamp's level exactly (-0.0 and NaN included) and let the loop vectorise
                double level = Math.floor(Math.min(Math.max(v, 0.0), q) + 0.5);
                double spike = level * step;
                sum[i] += spike;
                m[i] = d * (m[i] - spike) + xs[i];
                if (count && level != 0) {
                    nz++;
                }
            }
            return nz;
        }
        for (int i = 0; i < len; i++) {
            double level = SpikeLevels.level(m[i] * inv, bits, qmax, signed, firing);
            double spike = level * step;
            sum[i] += spike;
            m[i] = d * (m[i] - spike) + xs[i];
            if (count && level != 0) {
                nz++;
            }
        }
        return nz;
    }

    /** Per-thread chunk buffers (the common pool's threads reuse them across calls). */
    private static final class Scratch {
        final double[] a = new double[CHUNK];
        final double[] b = new double[CHUNK];
        final double[] c = new double[CHUNK];
        final double[] d = new double[CHUNK];
        final double[] e = new double[CHUNK];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** {@link #forward(INDArray, INDArray, int, double[], int[], boolean)} with spike counting. */
    public long[] forward(INDArray x, INDArray out, int t, double[] steps, int[] bits) {
        return forward(x, out, t, steps, bits, true);
    }

    private static void requireFinite(boolean[] bad) {
        for (boolean b : bad) {
            if (b) {
                throw new IllegalArgumentException("neuron input contains NaN or an infinite value");
            }
        }
    }

    /** Writes the membrane potential {@code m_t} that step {@code t}'s quantizer sees (for step-size renewal). */
    public void membrane(INDArray x, INDArray dst, int t, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec dv = Vec.of(dst);
        int n = (int) xv.length();
        int[] qmax = qmax(bits, t);
        double[] inv = reciprocals(steps, t);
        IntStream.range(0, chunks(n)).parallel().forEach(c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double xi = xv.get(i);
                double m = xi;
                for (int s = 0; s < t; s++) {
                    double spike = SpikeLevels.level(m * inv[s], bits[s], qmax[s], signed, firing) * steps[s];
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
        double[] inv = reciprocals(steps, t);
        double[][] partial = new double[chunks(n)][];
        IntStream.range(0, partial.length).parallel().forEach(c -> {
            double[] acc = new double[2 * t + 1]; // step terms, bit terms, sum(gradOut * out * T)
            int from = c * CHUNK;
            int len = Math.min(n, from + CHUNK) - from;
            Scratch w = SCRATCH.get();
            double[] xs = w.a;
            double[] m = w.b;
            double[] sum = w.c;
            double[] go = w.d;
            double[] grad = w.e;
            for (int i = 0; i < len; i++) {
                double xi = xv.get(from + i);
                xs[i] = xi;
                m[i] = xi;
                go[i] = gv.get(from + i);
                sum[i] = 0;
                grad[i] = 0;
            }
            for (int s = 0; s < t; s++) { // step-major; each accumulator sums its terms in element order, as before
                int q = qmax[s];
                double lo = signed ? -q : 0;
                double stepTerm = 0;
                double bitTerm = 0;
                if (!signed && firing == Firing.ROUND && bits[s] > 1) { // the common case, its level inlined
                    double in = inv[s];
                    double st = steps[s];
                    double qd = q;
                    for (int i = 0; i < len; i++) {
                        double v = m[i] * in;
                        double cl = v < 0 ? 0 : v; // branches here: the loop branches anyway, min/max cost more
                        cl = cl > qd ? qd : cl;
                        double level = Math.floor(cl + 0.5);
                        double spike = level * st;
                        sum[i] += spike;
                        double g = go[i];
                        // selects instead of branches: a term that does not apply adds a zero, which leaves a sum
                        // started at +0.0 unchanged, so the sums equal the branching loop's bit for bit
                        boolean above = v > qd;
                        boolean below = v < 0;
                        stepTerm += above ? g * qd : below ? 0.0 : g * (level - v);
                        bitTerm += above ? g : 0.0;
                        grad[i] += above || below ? 0.0 : g;
                        m[i] = decay * (m[i] - spike) + xs[i];
                    }
                    acc[s] = stepTerm;
                    acc[t + s] = bitTerm;
                    continue;
                }
                for (int i = 0; i < len; i++) {
                    double v = m[i] * inv[s];
                    double level = SpikeLevels.level(v, bits[s], q, signed, firing);
                    double spike = level * steps[s];
                    sum[i] += spike;
                    double g = go[i];
                    if (v > q) {
                        stepTerm += g * q;
                        bitTerm += g;
                    } else if (v < lo) {
                        if (signed) {
                            stepTerm -= g * q;
                            bitTerm -= g;
                        }
                    } else {
                        grad[i] += g;
                        stepTerm += g * (level - v);
                    }
                    m[i] = decay * (m[i] - spike) + xs[i];
                }
                acc[s] = stepTerm;
                acc[t + s] = bitTerm;
            }
            double out = 0;
            for (int i = 0; i < len; i++) {
                gx.set(from + i, grad[i] / t);
                out += go[i] * sum[i];
            }
            acc[2 * t] = out;
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
     * {@code n = length / t}. Writes every step's spikes to {@code out} (same layout); returns nonzero counts when
     * {@code count} is set.
     */
    public long[] forwardUnrolled(INDArray x, INDArray out, int t, double[] steps, int[] bits, boolean count) {
        Vec xv = Vec.of(x);
        Vec ov = Vec.of(out);
        int n = perStep(xv, t);
        int[] qmax = qmax(bits, t);
        double[] inv = reciprocals(steps, t);
        long[][] partial = new long[chunks(n)][];
        boolean[] bad = new boolean[partial.length];
        IntStream.range(0, partial.length).parallel().forEach(c -> {
            long[] nz = new long[t];
            boolean nonFinite = false;
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double m = 0;
                double spike = 0;
                for (int s = 0; s < t; s++) {
                    double xi = xv.get(s * n + i);
                    nonFinite |= xi - xi != 0;
                    m = s == 0 ? xi : decay * (m - spike) + xi;
                    double level = SpikeLevels.level(m * inv[s], bits[s], qmax[s], signed, firing);
                    spike = level * steps[s];
                    if (count && level != 0) {
                        nz[s]++;
                    }
                    ov.set(s * n + i, spike);
                }
            }
            partial[c] = nz;
            bad[c] = nonFinite;
        });
        requireFinite(bad);
        return sumColumns(partial, t);
    }

    /** {@link #forwardUnrolled(INDArray, INDArray, int, double[], int[], boolean)} with spike counting. */
    public long[] forwardUnrolled(INDArray x, INDArray out, int t, double[] steps, int[] bits) {
        return forwardUnrolled(x, out, t, steps, bits, true);
    }

    /** Membrane of step {@code t} of a time-major input, into {@code dst} of one step's size. */
    public void membraneUnrolled(INDArray x, INDArray dst, int t, int totalSteps, double[] steps, int[] bits) {
        Vec xv = Vec.of(x);
        Vec dv = Vec.of(dst);
        int n = perStep(xv, totalSteps);
        int[] qmax = qmax(bits, t);
        double[] inv = reciprocals(steps, t);
        IntStream.range(0, chunks(n)).parallel().forEach(c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                double m = xv.get(i);
                for (int s = 0; s < t; s++) {
                    double spike = SpikeLevels.level(m * inv[s], bits[s], qmax[s], signed, firing) * steps[s];
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
        double[] inv = reciprocals(steps, t);
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
                    double v = m * inv[s];
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

    /** {@code 1/g}: a multiply per element instead of a divide (the reference divides; they agree to an ulp). */
    private static double[] reciprocals(double[] steps, int t) {
        double[] inv = new double[t];
        for (int s = 0; s < t; s++) {
            inv[s] = 1.0 / steps[s];
        }
        return inv;
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
