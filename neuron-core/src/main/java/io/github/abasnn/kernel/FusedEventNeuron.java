package io.github.abasnn.kernel;

import io.github.abasnn.quant.Firing;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The fused neuron on an input with a real time axis (event frames), folded time-major: step {@code s} of element
 * {@code i} sits at {@code s * n + i}, {@code n = length / T}, and every step's spikes are written in the same layout.
 */
public final class FusedEventNeuron extends FusedNeuron {

    public FusedEventNeuron(boolean signed, double decay, Firing firing) {
        super(signed, decay, firing);
    }

    /** The method's neuron: no leak, round-to-nearest firing. */
    public static FusedEventNeuron method(boolean signed) {
        return new FusedEventNeuron(signed, 1.0, Firing.ROUND);
    }

    /**
     * Input with a real time axis, time-major: step {@code s} of element {@code i} sits at {@code s * n + i},
     * {@code n = length / t}. Writes every step's spikes to {@code out} (same layout); returns nonzero counts when
     * {@code count} is set.
     */
    @Override
    public long[] forward(INDArray x, INDArray out, int t, double[] steps, int[] bits, boolean count) {
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

    /** Membrane of step {@code t} of a time-major input, into {@code dst} of one step's size. */
    @Override
    public INDArray membrane(INDArray x, int t, int timeSteps, double[] steps, int[] bits) {
        INDArray m = org.nd4j.linalg.factory.Nd4j.create(x.dataType(), x.length() / timeSteps);
        membrane(x, m, t, timeSteps, steps, bits);
        return m;
    }

    public void membrane(INDArray x, INDArray dst, int t, int totalSteps, double[] steps, int[] bits) {
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

    /** One upstream gradient per step, the input's layout; no T gradient (T is the number of frames). */
    @Override
    public Gradients backward(INDArray x, INDArray gradOut, INDArray gradX, int t, double[] steps, int[] bits) {
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

    private static int perStep(Vec x, int t) {
        if (x.length() % t != 0) {
            throw new IllegalArgumentException("time-major input of " + x.length() + " elements is not divisible by T = " + t);
        }
        return (int) (x.length() / t);
    }
}
