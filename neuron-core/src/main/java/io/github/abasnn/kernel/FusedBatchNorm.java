package io.github.abasnn.kernel;

import java.nio.FloatBuffer;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalisation of an NCHW float batch in training mode, forward and backward, one channel per task over the
 * common fork-join pool. Statistics are the batch's per-channel mean and biased variance, taken in two passes with
 * double accumulators (the mean, then squared deviations from it, so a large mean does not cancel the variance away).
 * With {@code xhat = (x - mean) / sqrt(var + eps)}: forward {@code y = gamma xhat + beta}; backward
 * {@code dbeta = sum dy}, {@code dgamma = sum dy xhat},
 * {@code dx = gamma / sqrt(var + eps) (dy - dbeta / M - xhat dgamma / M)} over the {@code M = N H W} values of a
 * channel. The same formulas as DL4J's and oneDNN's; this is several times faster on training-sized batches
 * (docs/results.md, "Benchmark").
 */
public final class FusedBatchNorm {
    private FusedBatchNorm() {}

    /** Whether the kernels take {@code a}: a dense c-order rank-4 float host array. */
    public static boolean supports(INDArray a) {
        return a != null && a.rank() == 4 && a.dataType() == DataType.FLOAT && Vec.supports(a);
    }

    /** Writes the per-channel mean and biased variance of {@code x} (N, C, H, W) into {@code mean} and {@code var}. */
    public static void statistics(INDArray x, INDArray mean, INDArray var) {
        Shape s = new Shape(x);
        FloatBuffer f = Vec.floats(x);
        double[] m = new double[s.c];
        double[] v = new double[s.c];
        IntStream.range(0, s.c).parallel().forEach(ch -> {
            double sum = 0;
            for (int i = 0; i < s.n; i++) {
                int off = s.offset(i, ch);
                for (int k = 0; k < s.plane; k++) {
                    sum += f.get(off + k);
                }
            }
            double mu = sum / s.count;
            double squares = 0;
            for (int i = 0; i < s.n; i++) {
                int off = s.offset(i, ch);
                for (int k = 0; k < s.plane; k++) {
                    double d = f.get(off + k) - mu;
                    squares += d * d;
                }
            }
            m[ch] = mu;
            v[ch] = squares / s.count;
        });
        for (int ch = 0; ch < s.c; ch++) {
            mean.putScalar(ch, m[ch]);
            var.putScalar(ch, v[ch]);
        }
    }

    /** {@code y = gamma xhat + beta} with the given statistics; {@code y} has {@code x}'s shape. */
    public static void forward(INDArray x, INDArray mean, INDArray var, INDArray gamma, INDArray beta, double eps,
                               INDArray y) {
        Shape s = new Shape(x);
        FloatBuffer in = Vec.floats(x);
        FloatBuffer out = Vec.floats(y);
        double[] m = values(mean, s.c);
        double[] v = values(var, s.c);
        double[] g = values(gamma, s.c);
        double[] b = values(beta, s.c);
        double[] scale = new double[s.c];
        double[] shift = new double[s.c];
        for (int ch = 0; ch < s.c; ch++) {
            scale[ch] = g[ch] / Math.sqrt(v[ch] + eps);
            shift[ch] = b[ch] - m[ch] * scale[ch];
        }
        IntStream.range(0, s.c).parallel().forEach(ch -> {
            float times = (float) scale[ch];
            float plus = (float) shift[ch];
            for (int i = 0; i < s.n; i++) {
                int off = s.offset(i, ch);
                for (int k = 0; k < s.plane; k++) {
                    out.put(off + k, in.get(off + k) * times + plus);
                }
            }
        });
    }

    /** Writes {@code dx} and the parameter gradients {@code dGamma}, {@code dBeta} (C values each). */
    public static void backward(INDArray x, INDArray dy, INDArray mean, INDArray var, INDArray gamma, double eps,
                                INDArray dx, INDArray dGamma, INDArray dBeta) {
        Shape s = new Shape(x);
        FloatBuffer in = Vec.floats(x);
        FloatBuffer grad = Vec.floats(dy);
        FloatBuffer out = Vec.floats(dx);
        double[] m = values(mean, s.c);
        double[] v = values(var, s.c);
        double[] g = values(gamma, s.c);
        double[] dg = new double[s.c];
        double[] db = new double[s.c];
        IntStream.range(0, s.c).parallel().forEach(ch -> {
            double mu = m[ch];
            double inv = 1 / Math.sqrt(v[ch] + eps);
            double sumDy = 0;
            double sumDyCentred = 0;
            for (int i = 0; i < s.n; i++) {
                int off = s.offset(i, ch);
                for (int k = 0; k < s.plane; k++) {
                    double d = grad.get(off + k);
                    sumDy += d;
                    sumDyCentred += d * (in.get(off + k) - mu);
                }
            }
            double sumDyXhat = sumDyCentred * inv;
            db[ch] = sumDy;
            dg[ch] = sumDyXhat;
            double scale = g[ch] * inv;
            double meanDy = sumDy / s.count;
            double meanDyXhat = sumDyXhat / s.count;
            for (int i = 0; i < s.n; i++) {
                int off = s.offset(i, ch);
                for (int k = 0; k < s.plane; k++) {
                    double xhat = (in.get(off + k) - mu) * inv;
                    out.put(off + k, (float) (scale * (grad.get(off + k) - meanDy - xhat * meanDyXhat)));
                }
            }
        });
        for (int ch = 0; ch < s.c; ch++) {
            dGamma.putScalar(ch, dg[ch]);
            dBeta.putScalar(ch, db[ch]);
        }
    }

    /** The first {@code c} values of a vector (C) or row (1, C), read once outside the parallel loops. */
    private static double[] values(INDArray a, int c) {
        double[] r = new double[c];
        for (int i = 0; i < c; i++) {
            r[i] = a.getDouble(i);
        }
        return r;
    }

    private static final class Shape {
        final int n;
        final int c;
        final int plane;
        final double count;

        Shape(INDArray x) {
            n = (int) x.size(0);
            c = (int) x.size(1);
            plane = (int) (x.size(2) * x.size(3));
            count = (double) n * plane;
        }

        int offset(int image, int channel) {
            return (image * c + channel) * plane;
        }
    }
}
