package io.github.abasnn.gpu.cuda;

/**
 * How cuDNN and cuBLAS multiply single-precision tensors: plain FP32 fused multiply-adds (what parity checks use), or
 * TF32 tensor cores (10-bit mantissa products, FP32 sums), PyTorch's {@code allow_tf32} for convolutions.
 */
public enum MathMode {
    FMA,
    TF32
}
