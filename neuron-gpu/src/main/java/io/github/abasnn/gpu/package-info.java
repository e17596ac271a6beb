/**
 * The method on current NVIDIA GPUs: the refined neuron (both input forms) and the weight quantizer as CUDA C
 * kernels ({@code kernels/*.cu}, per-element arithmetic in {@code kernels/elements.cuh}), compiled at run time for the
 * GPU found (NVRTC) and held to neuron-core's CPU kernels. A kernel adds its raw gradient terms into a few doubles;
 * {@link io.github.abasnn.gpu.GradientSums} finishes them exactly as the CPU kernels do, so both backends share that
 * arithmetic.
 *
 * <p>Also here: the device checks {@code submit/gpu/check.sh} runs ({@link io.github.abasnn.gpu.GpuGoldenCheck},
 * {@link io.github.abasnn.gpu.GpuOpCheck}, {@link io.github.abasnn.gpu.GpuStepCheck}); the training step itself is
 * {@code gpu.step}, its bench {@code gpu.bench}, the CUDA runtime {@code gpu.cuda} (driver, NVRTC, cuDNN, cuBLAS).
 * Without a GPU the build checks that every kernel compiles (sm_90, compute_75), that the structs a launch passes
 * have the compiler's layout, that a host harness of the element functions matches the CPU kernels and every golden
 * case, and that the carry a GPU machine gets is complete ({@code check.sh --dry-run}). Not yet run on a GPU.
 *
 * <p>May import: {@code gpu.cuda}, neuron-core's ND4J-free classes ({@code plan}'s spec and rules, the scalar
 * arithmetic of bit widths, T, step sizes, the renewal state's layout and the bit loss; {@code DeviceClassesTest}
 * lists them) and nothing that loads ND4J: the device check runs with this module, the CUDA presets and Jackson only.
 * Only {@code gpu.fixtures}, which writes the checks' inputs here, uses ND4J.
 */
package io.github.abasnn.gpu;
