/**
 * The method on current NVIDIA GPUs: the refined neuron (both input forms) and the weight quantizer as CUDA C
 * kernels ({@code kernels/*.cu}, per-element arithmetic in {@code kernels/elements.cuh}), compiled at run time for the
 * GPU found (NVRTC) and held to neuron-core's CPU kernels. A kernel adds its raw gradient terms into a few doubles;
 * {@link io.github.abasnn.gpu.GradientSums} finishes them exactly as the CPU kernels do, so both backends share that
 * arithmetic.
 *
 * <p>Status: the kernels, their launches ({@link io.github.abasnn.gpu.GpuKernels} on {@code gpu.cuda}) and the
 * device golden check ({@link io.github.abasnn.gpu.GpuGoldenCheck}, {@code submit/gpu/check.sh}) are built; without a
 * GPU the build checks that every kernel compiles (sm_90, compute_75), that the struct a launch passes has the
 * compiler's layout, and that a host harness of the same element functions matches the CPU kernels and every golden
 * case. Not yet run on a GPU; cuDNN/cuBLAS linear maps and the training step are issue 28's next parts.
 *
 * <p>May import: {@code gpu.cuda}, {@code quant} (the step-gradient rule), {@code plan} (the ND4J-free plan spec and
 * update rules), and nothing that loads ND4J: the device
 * check runs with this module, the CUDA presets and Jackson only. Its tests compare with {@code kernel}.
 */
package io.github.abasnn.gpu;
