package io.github.abasnn.gpu.train;

import io.github.abasnn.gpu.cuda.Cublas;
import io.github.abasnn.gpu.cuda.CudaCalls;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.Cudnn;
import io.github.abasnn.gpu.cuda.MathMode;
import io.github.abasnn.train.ComputeDevice;
import io.github.abasnn.train.DeviceFitterProvider;
import io.github.abasnn.train.EpochFitter;
import io.github.abasnn.train.TrainConfig;
import java.util.Locale;

/**
 * {@code --device gpu} for the trainer ({@link java.util.ServiceLoader}): a {@link GpuEpochFitter} on the GPU asked
 * for. Convolutions and products in FP32 (FMA math: the CPU's numbers to rounding) unless the system property
 * {@code abasnn.gpu.math=tf32} asks for TF32 tensor cores.
 */
public final class GpuFitterProvider implements DeviceFitterProvider {
    /** The system property that chooses the math mode ({@code fma} or {@code tf32}). */
    public static final String MATH_PROPERTY = "abasnn.gpu.math";

    @Override
    public ComputeDevice device() {
        return ComputeDevice.GPU;
    }

    @Override
    public String unavailableReason() {
        return CudaCalls.unavailableReason();
    }

    /** The math mode the property asks for; fails naming it when it is neither. */
    static MathMode math() {
        String m = System.getProperty(MATH_PROPERTY, "fma");
        try {
            return MathMode.valueOf(m.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + MATH_PROPERTY + "=" + m + " must be fma or tf32");
        }
    }

    @Override
    public String unsupported(TrainConfig config) {
        return config.bits().costTarget() != null
                ? "a cost target (--target-sace, --target-energy) is not a step-plan op yet; train it on the CPU"
                : null;
    }

    @Override
    public EpochFitter open(TrainConfig config, int ordinal) {
        return new GpuEpochFitter(ordinal, math());
    }

    @Override
    public String describe(int ordinal) {
        try (CudaDevice d = new CudaDevice(ordinal); Cublas b = new Cublas(d, MathMode.FMA)) {
            long dnn = Cudnn.version();
            return String.format(Locale.ROOT, "%s, cuDNN %d.%d.%d, cuBLAS %d, %s math", d, dnn / 10000,
                    dnn / 100 % 100, dnn % 100, b.version(), math().name());
        }
    }
}
