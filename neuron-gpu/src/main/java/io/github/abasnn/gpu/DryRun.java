package io.github.abasnn.gpu;

import java.util.List;

/**
 * What {@code check.sh --dry-run} proves without a GPU: every class the device checks and the device step use is on
 * the carried class path (JavaCPP's CUDA presets found, not initialised: that would load the driver).
 */
final class DryRun {
    static final List<String> RUNTIME = List.of(
            "io.github.abasnn.gpu.step.GpuPlanStep", "io.github.abasnn.gpu.step.StepKernels",
            "io.github.abasnn.gpu.step.AbaSlices", "io.github.abasnn.gpu.cuda.CudnnConvolution",
            "io.github.abasnn.gpu.cuda.Cudnn", "io.github.abasnn.gpu.cuda.Cublas",
            "io.github.abasnn.gpu.cuda.KernelCompiler", "io.github.abasnn.gpu.cuda.KernelModule",
            "io.github.abasnn.gpu.GpuKernels", "io.github.abasnn.gpu.bench.GpuStepBench",
            "io.github.abasnn.gpu.cuda.DeviceClock", "io.github.abasnn.profile.Phase",
            "org.bytedeco.cuda.global.cudart", "org.bytedeco.cuda.global.cudnn", "org.bytedeco.cuda.global.cublas",
            "org.bytedeco.cuda.global.nvrtc", "org.bytedeco.javacpp.Loader");

    private DryRun() {}

    /** Loads (without initialising) every runtime class; fails naming the first one missing. */
    static int loadRuntimeClasses() {
        ClassLoader loader = DryRun.class.getClassLoader();
        for (String name : RUNTIME) {
            try {
                Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException("the carry lacks " + name + " (" + e + ")", e);
            }
        }
        return RUNTIME.size();
    }
}
