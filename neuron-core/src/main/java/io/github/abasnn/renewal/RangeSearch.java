package io.github.abasnn.renewal;

import io.github.abasnn.kernel.SpikeLevels;
import io.github.abasnn.kernel.Vec;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.quant.StepSize;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The grid search of step-size renewal (method.md §4): over {@code K} candidate ranges {@code [0, kR/K]}
 * (signed: {@code [-kR/K, kR/K]}), {@code R = max(X) - min(X)}, pick the one whose quantizer minimises
 * {@code mean(|Q(X) - X|^p)}; the first wins a tie.
 */
public final class RangeSearch {
    /** Default number of candidate ranges. */
    public static final int DEFAULT_GRID = 50;
    /** Default exponent of the Lp error. */
    public static final double DEFAULT_POWER = 2.4;

    private final int grid;
    private final double power;

    public RangeSearch(int grid, double power) {
        if (grid < 1) {
            throw new IllegalArgumentException("renewal grid K must be >= 1, got " + grid);
        }
        if (!(power > 0) || !Double.isFinite(power)) {
            throw new IllegalArgumentException("renewal power p must be a finite number > 0, got " + power);
        }
        this.grid = grid;
        this.power = power;
    }

    public static RangeSearch defaults() {
        return new RangeSearch(DEFAULT_GRID, DEFAULT_POWER);
    }

    public int grid() {
        return grid;
    }

    public double power() {
        return power;
    }

    /** The best range for quantizing {@code x} with {@code bits}. */
    public Range search(INDArray x, int bits, boolean signed) {
        double range = x.maxNumber().doubleValue() - x.minNumber().doubleValue();
        double[] scores = Vec.supports(x) ? fusedErrors(x, range, bits, signed) : null;
        Range best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= grid; k++) {
            double hi = k * range / grid;
            double lo = signed ? -hi : 0.0;
            double score = scores != null ? scores[k - 1] : error(x, lo, hi, bits, signed);
            if (score < bestScore) {
                bestScore = score;
                best = new Range(lo, hi, score);
            }
        }
        if (best == null) { // every score NaN: the input itself is not finite
            throw new IllegalArgumentException("renewal input has no finite quantization error (NaN or infinite values)");
        }
        return best;
    }

    /** {@code mean(|Q(X) - X|^p)} for the quantizer spanning {@code [lo, hi]}. */
    public double error(INDArray x, double lo, double hi, int bits, boolean signed) {
        double step = stepFor(lo, hi, bits, signed);
        INDArray q = SpikeQuantizer.levels(x.div(step), bits, signed).muli(step);
        INDArray err = Transforms.pow(Transforms.abs(q.subi(x), false), power, false);
        return err.meanNumber().doubleValue();
    }

    /**
     * All K candidates' errors in one parallel pass over host memory (the op-chain {@link #error} makes K passes of
     * a dozen ops each): the same sums, per element in the same order within a chunk.
     */
    private double[] fusedErrors(INDArray x, double range, int bits, boolean signed) {
        Vec xv = Vec.of(x);
        int n = (int) xv.length();
        int qmax = SpikeQuantizer.qmax(bits, signed);
        double[] step = new double[grid];
        double[] inv = new double[grid];
        for (int k = 1; k <= grid; k++) {
            double hi = k * range / grid;
            step[k - 1] = stepFor(signed ? -hi : 0.0, hi, bits, signed);
            inv[k - 1] = 1.0 / step[k - 1];
        }
        int chunk = 1 << 14;
        double[][] partial = new double[(n + chunk - 1) / chunk][];
        java.util.stream.IntStream.range(0, partial.length).parallel().forEach(c -> {
            double[] acc = new double[grid];
            int end = Math.min(n, (c + 1) * chunk);
            for (int i = c * chunk; i < end; i++) {
                double xi = xv.get(i);
                for (int k = 0; k < grid; k++) {
                    double q = SpikeLevels.level(xi * inv[k], bits, qmax, signed, Firing.ROUND) * step[k];
                    double e = Math.abs(q - xi);
                    acc[k] += e == 0 ? 0 : Math.exp(power * Math.log(e));
                }
            }
            partial[c] = acc;
        });
        double[] total = new double[grid];
        for (double[] p : partial) {
            for (int k = 0; k < grid; k++) {
                total[k] += p[k];
            }
        }
        for (int k = 0; k < grid; k++) {
            total[k] /= n;
        }
        return total;
    }


    /** {@code (hi - lo) / (qmax - qmin)}, held above the minimum step. */
    public static double stepFor(double lo, double hi, int bits, boolean signed) {
        int levels = SpikeQuantizer.qmax(bits, signed) - SpikeQuantizer.qmin(bits, signed);
        return Math.max((hi - lo) / levels, StepSize.MIN_STEP);
    }

    /** A candidate range and its error. */
    public record Range(double lo, double hi, double error) {}
}
