/**
 * The method on current NVIDIA GPUs: the refined neuron (both input forms) and the weight quantizer as CUDA C
 * kernels ({@code kernels/*.cu}, per-element arithmetic in {@code kernels/elements.cuh}), compiled at run time for the
 * GPU found (NVRTC) and held to neuron-core's CPU kernels. A kernel adds its raw gradient terms into a few doubles;
 * {@link io.github.abasnn.gpu.GradientSums} finishes them exactly as the CPU kernels do, so both backends share that
 * arithmetic.
 *
 * <p>Status: the kernels and their host-side parity with the CPU are built and tested here (nvcc compiles every kernel
 * for sm_90 and compute_75; a host harness built from the same element functions matches the CPU kernels). The device
 * runtime (JavaCPP CUDA 13: module loading, launches, cuDNN convolutions, the training step) is issue 28's next part.
 *
 * <p>May import: {@code kernel}, {@code quant}, {@code neuron} (the CPU kernels and the quantizers' rules it matches).
 */
package io.github.abasnn.gpu;
