package io.github.abasnn.gpu.step;

import io.github.abasnn.gpu.GpuKernels;
import io.github.abasnn.gpu.cuda.DeviceArray;
import io.github.abasnn.gpu.cuda.KernelModule;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;

/** Launches of {@code kernels/step.cu} on float device arrays: the step's ops besides the neuron and the quantizer. */
final class StepKernels {
    private static final int THREADS = GpuKernels.THREADS;

    private final KernelModule module;

    StepKernels(GpuKernels kernels) {
        this.module = kernels.module("step.cu");
    }

    private static LongPointer i64(long v) {
        return new LongPointer(new long[] {v});
    }

    private static IntPointer i32(int v) {
        return new IntPointer(new int[] {v});
    }

    private static DoublePointer f64(double v) {
        return new DoublePointer(new double[] {v});
    }

    private static Pointer a(DeviceArray d) {
        return d.argument();
    }

    private void grid(String name, long elements, Pointer... args) {
        module.launch(name, GpuKernels.blocks(elements), THREADS, args);
    }

    /** Per-channel batch mean and biased variance (double) of {@code x} as {@code (n, c, plane)}. */
    void bnStatistics(DeviceArray x, long n, int c, long plane, DeviceArray mean, DeviceArray var) {
        module.launch("aba_bn_statistics_f32", c, THREADS, a(x), i64(n), i32(c), i64(plane), a(mean), a(var));
    }

    void bnForward(DeviceArray x, DeviceArray y, long n, int c, long plane, DeviceArray mean, DeviceArray var,
                   DeviceArray gamma, DeviceArray beta, double eps) {
        grid("aba_bn_forward_f32", n * c * plane, a(x), a(y), i64(n), i32(c), i64(plane), a(mean), a(var), a(gamma),
                a(beta), f64(eps));
    }

    void bnBackward(DeviceArray x, DeviceArray dy, DeviceArray dx, long n, int c, long plane, DeviceArray mean,
                    DeviceArray var, DeviceArray gamma, double eps, DeviceArray dgamma, DeviceArray dbeta) {
        module.launch("aba_bn_backward_f32", c, THREADS, a(x), a(dy), a(dx), i64(n), i32(c), i64(plane), a(mean),
                a(var), a(gamma), f64(eps), a(dgamma), a(dbeta));
    }

    void bnRunning(DeviceArray runningMean, DeviceArray runningSpread, DeviceArray mean, DeviceArray var, int c,
                   double decay, boolean logStd, DeviceArray gradMean, DeviceArray gradSpread) {
        module.launch("aba_bn_running_f32", (c + THREADS - 1) / THREADS, THREADS, a(runningMean), a(runningSpread),
                a(mean), a(var), i32(c), f64(decay), i32(logStd ? 1 : 0), a(gradMean), a(gradSpread));
    }

    void bnRunningStatistics(DeviceArray runningMean, DeviceArray runningSpread, int c, boolean logStd,
                             DeviceArray mean, DeviceArray var) {
        module.launch("aba_bn_running_statistics_f32", (c + THREADS - 1) / THREADS, THREADS, a(runningMean),
                a(runningSpread), i32(c), i32(logStd ? 1 : 0), a(mean), a(var));
    }

    void reluForward(DeviceArray x, DeviceArray y, long len) {
        grid("aba_relu_forward_f32", len, a(x), a(y), i64(len));
    }

    void reluBackward(DeviceArray z, DeviceArray g, DeviceArray out, long len) {
        grid("aba_relu_backward_f32", len, a(z), a(g), a(out), i64(len));
    }

    /** {@code out = x + y}; {@code out} may be either. */
    void add(DeviceArray x, DeviceArray y, DeviceArray out, long len) {
        grid("aba_add_f32", len, a(x), a(y), a(out), i64(len));
    }

    void globalAvgPool(DeviceArray x, DeviceArray y, long rows, long plane) {
        grid("aba_global_avg_pool_f32", rows, a(x), a(y), i64(rows), i64(plane));
    }

    void globalAvgPoolBackward(DeviceArray g, DeviceArray dx, long rows, long plane) {
        grid("aba_global_avg_pool_backward_f32", rows * plane, a(g), a(dx), i64(rows), i64(plane));
    }

    void pool(DeviceArray x, DeviceArray y, long planes, int h, int w, int oh, int ow, int k, int s, int pad,
              int kind) {
        grid("aba_pool_f32", planes * oh * ow, a(x), a(y), i64(planes), i32(h), i32(w), i32(oh), i32(ow), i32(k),
                i32(s), i32(pad), i32(kind));
    }

    void poolBackward(DeviceArray x, DeviceArray g, DeviceArray dx, long planes, int h, int w, int oh, int ow, int k,
                      int s, int pad, int kind) {
        grid("aba_pool_backward_f32", planes * h * w, a(x), a(g), a(dx), i64(planes), i32(h), i32(w), i32(oh),
                i32(ow), i32(k), i32(s), i32(pad), i32(kind));
    }

    /** Probabilities, {@code p - y} and the summed loss added to {@code loss[0]} (zero it first). */
    void softmaxCrossEntropy(DeviceArray z, DeviceArray y, DeviceArray p, DeviceArray grad, long rows, int k,
                             double clip, DeviceArray loss) {
        grid("aba_softmax_xent_f32", rows, a(z), a(y), a(p), a(grad), i64(rows), i32(k), f64(clip), a(loss));
    }

    void biasAdd(DeviceArray y, DeviceArray bias, long n, int c, long plane) {
        grid("aba_bias_add_f32", n * c * plane, a(y), a(bias), i64(n), i32(c), i64(plane));
    }

    void biasGrad(DeviceArray dy, DeviceArray db, long n, int c, long plane) {
        module.launch("aba_bias_grad_f32", c, THREADS, a(dy), a(db), i64(n), i32(c), i64(plane));
    }

    void swapLeading(DeviceArray in, DeviceArray out, long d0, long d1, long inner) {
        grid("aba_swap_leading_f32", d0 * d1 * inner, a(in), a(out), i64(d0), i64(d1), i64(inner));
    }

    void frameMean(DeviceArray x, DeviceArray y, int frames, long rows) {
        grid("aba_frame_mean_f32", rows, a(x), a(y), i32(frames), i64(rows));
    }

    void frameSpread(DeviceArray g, DeviceArray dx, int frames, long rows) {
        grid("aba_frame_spread_f32", frames * rows, a(g), a(dx), i32(frames), i64(rows));
    }

    /** {@code sum x^2} and {@code sum |x|} added to {@code out[0..1]} (double). */
    void squareAbsSums(DeviceArray x, long len, DeviceArray out) {
        grid("aba_square_abs_sums_f32", len, a(x), i64(len), a(out));
    }

    /** One fused update of the flat parameters ({@link AbaSlices}). */
    void update(DeviceArray params, DeviceArray grad, DeviceArray state, DeviceArray slices, int count, long len,
                float batch) {
        grid("aba_update_f32", len, a(params), a(grad), a(state), a(slices), i32(count), i64(len),
                new FloatPointer(new float[] {batch}));
    }

    static BytePointer bytes(byte[] b) {
        return new BytePointer(b);
    }
}
