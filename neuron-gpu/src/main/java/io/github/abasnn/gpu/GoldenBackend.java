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

    /** The kernels on a device, double precision ({@link DeviceOpBackend}'s launches). */
    static GoldenBackend device(GpuKernels gpu) {
        DeviceOpBackend device = new DeviceOpBackend(gpu);
        return new GoldenBackend() {
            @Override
            public double[][] timeFree(double[] x, double[] gradOut, int t, boolean signed, double[] steps,
                                       int[] bits) {
                double[][] r = device.neuron(GpuKernels.Precision.F64, false, x, gradOut, signed, 1.0,
                        java.util.Arrays.copyOf(steps, t), java.util.Arrays.copyOf(bits, t), x.length);
                return new double[][] {r[0], r[2], r[3]};
            }

            @Override
            public double[][] weight(double[] w, double[] gradOut, double step, int bits) {
                double[][] r = device.weight(GpuKernels.Precision.F64, w, gradOut, step, bits);
                return new double[][] {r[0], r[2], r[3]};
            }
        };
    }
}
