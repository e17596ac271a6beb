/**
 * A small CUDA driver runtime on JavaCPP's CUDA 13 presets: the device and its primary context
 * ({@link io.github.abasnn.gpu.cuda.CudaDevice}), kernels compiled at run time by NVRTC for the GPU found
 * ({@link io.github.abasnn.gpu.cuda.KernelCompiler}), device memory ({@link io.github.abasnn.gpu.cuda.DeviceArray}),
 * and every call's status checked ({@link io.github.abasnn.gpu.cuda.CudaCalls}). Loading it needs the driver
 * ({@code libcuda.so.1}) and the CUDA 13 runtime libraries; tests that touch it skip where they are absent.
 *
 * <p>May import: nothing of the project.
 */
package io.github.abasnn.gpu.cuda;
