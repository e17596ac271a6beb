package io.github.abasnn.kernel;

import io.github.abasnn.quant.Firing;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused neuron on a time-free input (a static image's activations): the same input drives each of the {@code T}
 * steps and the output is {@code sum_t s_t / T}. Within a chunk the kernels go step by step (each step's parameters
 * fixed for its loop), every element seeing the same operations in the same order as element by element.
 */
public final class FusedTimeFreeNeuron extends FusedNeuron {

    public FusedTimeFreeNeuron(boolean signed, double decay, Firing firing) {
        super(signed, decay, firing);
    }

    /** The method's neuron: no leak, round-to-nearest firing. */
    public static FusedTimeFreeNeuron method(boolean signed) {
        return new FusedTimeFreeNeuron(signed, 1.0, Firing.ROUND);
    }

    /** Writes {@code out = sum_t s_t / T}. */
    @Override
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

    /** Writes the membrane potential {@code m_t} that step {@code t}'s quantizer sees (for step-size renewal). */
    @Override
    public INDArray membrane(INDArray x, int t, int timeSteps, double[] steps, int[] bits) {
        INDArray m = x.like();
        membrane(x, m, t, steps, bits);
        return m;
    }

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
    @Override
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
}
