package io.github.abasnn.renewal;

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
        Range best = null;
        double bestScore = Double.POSITIVE_INFINITY;
        for (int k = 1; k <= grid; k++) {
            double hi = k * range / grid;
            double lo = signed ? -hi : 0.0;
            double score = error(x, lo, hi, bits, signed);
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

    /** {@code (hi - lo) / (qmax - qmin)}, held above the minimum step. */
    public static double stepFor(double lo, double hi, int bits, boolean signed) {
        int levels = SpikeQuantizer.qmax(bits, signed) - SpikeQuantizer.qmin(bits, signed);
        return Math.max((hi - lo) / levels, StepSize.MIN_STEP);
    }

    /** A candidate range and its error. */
    public record Range(double lo, double hi, double error) {}
}
