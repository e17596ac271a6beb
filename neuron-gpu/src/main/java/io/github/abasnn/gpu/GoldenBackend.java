package io.github.abasnn.gpu;

/**
 * What the golden check runs a case on, in double precision: the device ({@link #device}), or in the build a host
 * harness of the same element functions, so the check's own reading and finishing of the cases is tested without a
 * GPU.
 */
public interface GoldenBackend {
    /** {spikes, dL/dx, raw sums (2t+1)} of a time-free neuron of {@code t} steps. */
    double[][] timeFree(double[] x, double[] gradOut, int t, boolean signed, double[] steps, int[] bits);

    /** {quantized weights, dL/dw, raw sums (2)} of the weight quantizer. */
    double[][] weight(double[] w, double[] gradOut, double step, int bits);

    /** The kernels on a device. */
    static GoldenBackend device(GpuKernels gpu) {
        return new GoldenBackend() {
            @Override
            public double[][] timeFree(double[] x, double[] gradOut, int t, boolean signed, double[] steps,
                                       int[] bits) {
                byte[] params = NeuronParams.of(t, signed, false, 1.0, steps, bits);
                try (var dx = io.github.abasnn.gpu.cuda.DeviceArray.of(gpu.device(), x);
                     var y = io.github.abasnn.gpu.cuda.DeviceArray.allocate(gpu.device(), 8L * x.length);
                     var go = io.github.abasnn.gpu.cuda.DeviceArray.of(gpu.device(), gradOut);
                     var gx = io.github.abasnn.gpu.cuda.DeviceArray.allocate(gpu.device(), 8L * x.length);
                     var nonzero = io.github.abasnn.gpu.cuda.DeviceArray.allocate(gpu.device(), 8L * t);
                     var sums = io.github.abasnn.gpu.cuda.DeviceArray.allocate(gpu.device(), 8L * (2 * t + 1))) {
                    gpu.timeFreeForward(GpuKernels.Precision.F64, params, dx, y, x.length, nonzero);
                    gpu.timeFreeBackward(GpuKernels.Precision.F64, params, dx, go, gx, x.length, sums);
                    return new double[][] {y.doubles(), gx.doubles(), sums.doubles()};
                }
            }

            @Override
            public double[][] weight(double[] w, double[] gradOut, double step, int bits) {
                try (var dw = io.github.abasnn.gpu.cuda.DeviceArray.of(gpu.device(), w);
                     var out = io.github.abasnn.gpu.cuda.DeviceArray.allocate(gpu.device(), 8L * w.length);
                     var go = io.github.abasnn.gpu.cuda.DeviceArray.of(gpu.device(), gradOut);
                     var gw = io.github.abasnn.gpu.cuda.DeviceArray.allocate(gpu.device(), 8L * w.length);
                     var sums = io.github.abasnn.gpu.cuda.DeviceArray.allocate(gpu.device(), 16)) {
                    gpu.weightForward(GpuKernels.Precision.F64, dw, out, w.length, step, bits);
                    gpu.weightBackward(GpuKernels.Precision.F64, dw, go, gw, w.length, step, bits, sums);
                    return new double[][] {out.doubles(), gw.doubles(), sums.doubles()};
                }
            }
        };
    }
}
