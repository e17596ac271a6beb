package io.github.abasnn.gpu;

import io.github.abasnn.gpu.GpuKernels.Precision;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.DeviceArray;

/** The op check's fixtures through the kernels on a device, in the fixture's precision. */
public final class DeviceOpBackend implements OpBackend {
    private final GpuKernels gpu;

    public DeviceOpBackend(GpuKernels gpu) {
        this.gpu = gpu;
    }

    @Override
    public boolean supports(String precision) {
        return true;
    }

    private DeviceArray upload(double[] v, Precision p) {
        CudaDevice d = gpu.device();
        if (p == Precision.F64) {
            return DeviceArray.of(d, v);
        }
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return DeviceArray.of(d, f);
    }

    private static double[] download(DeviceArray a, Precision p) {
        if (p == Precision.F64) {
            return a.doubles();
        }
        float[] f = a.floats();
        double[] v = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            v[i] = f[i];
        }
        return v;
    }

    private static Precision precision(OpFixture f) {
        return f.precision().equals("f64") ? Precision.F64 : Precision.F32;
    }

    @Override
    public double[][] neuron(OpFixture f) {
        return neuron(precision(f), f.kind().equals("event"), f.input(), f.gradOut(), f.signed(), f.decay(),
                f.steps(), f.bits(), f.kind().equals("event") ? f.shape()[0] : f.input().length);
    }

    /**
     * A neuron's forward and backward on the device: {output, nonzero per step, input gradient, raw sums}.
     *
     * @param perStep elements per step (event frames); the input's length for a time-free neuron
     */
    public double[][] neuron(Precision p, boolean event, double[] input, double[] gradOut, boolean signed,
                             double decay, double[] steps, int[] bits, long perStep) {
        int t = steps.length;
        int width = p == Precision.F64 ? 8 : 4;
        long n = input.length;
        byte[] params = NeuronParams.of(t, signed, false, decay, steps, bits);
        try (DeviceArray x = upload(input, p);
             DeviceArray go = upload(gradOut, p);
             DeviceArray out = DeviceArray.allocate(gpu.device(), width * n);
             DeviceArray gx = DeviceArray.allocate(gpu.device(), width * n);
             DeviceArray nonzero = DeviceArray.allocate(gpu.device(), 8L * t);
             DeviceArray sums = DeviceArray.allocate(gpu.device(), 8L * (2 * t + 1))) {
            if (event) {
                gpu.eventForward(p, params, x, out, perStep, nonzero);
                gpu.eventBackward(p, params, x, go, gx, perStep, sums);
            } else {
                gpu.timeFreeForward(p, params, x, out, n, nonzero);
                gpu.timeFreeBackward(p, params, x, go, gx, n, sums);
            }
            long[] counts = nonzero.counts();
            double[] nz = new double[t];
            for (int s = 0; s < t; s++) {
                nz[s] = counts[s];
            }
            return new double[][] {download(out, p), nz, download(gx, p), sums.doubles()};
        }
    }

    @Override
    public double[][] weight(OpFixture f) {
        return weight(precision(f), f.input(), f.gradOut(), f.steps()[0], f.bits()[0]);
    }

    /** The weight quantizer's forward and backward on the device: {output, none, weight gradient, raw sums}. */
    public double[][] weight(Precision p, double[] weights, double[] gradOut, double step, int bits) {
        int width = p == Precision.F64 ? 8 : 4;
        long n = weights.length;
        try (DeviceArray w = upload(weights, p);
             DeviceArray go = upload(gradOut, p);
             DeviceArray out = DeviceArray.allocate(gpu.device(), width * n);
             DeviceArray gw = DeviceArray.allocate(gpu.device(), width * n);
             DeviceArray sums = DeviceArray.allocate(gpu.device(), 16)) {
            gpu.weightForward(p, w, out, n, step, bits);
            gpu.weightBackward(p, w, go, gw, n, step, bits, sums);
            return new double[][] {download(out, p), new double[0], download(gw, p), sums.doubles()};
        }
    }
}
