/**
 * The GPU bench: {@link io.github.abasnn.gpu.bench.BenchModel} (a network compact enough to carry at the paper's
 * width: plan, rules and every parameter but the weights, which a seed draws) and
 * {@link io.github.abasnn.gpu.bench.GpuStepBench}, which times its training step on one GPU.
 */
package io.github.abasnn.gpu.bench;
