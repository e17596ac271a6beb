/**
 * The step plan's device backend: {@link io.github.abasnn.gpu.step.GpuPlanStep} runs neuron-core's
 * {@code PlanSpec} on one GPU op by op as {@code CpuPlanStep} runs it on the CPU (cuDNN convolutions, cuBLAS dense
 * products, the project's kernels for the rest, one fused update of the flat parameters), with the scalar work —
 * each quantized layer's setting, its step-size, bit and T gradients, the bit loss — done on the host by neuron-core's
 * own scalar code, and LSQ initialisation and renewal handed to a {@link io.github.abasnn.gpu.step.StepSizeHost}.
 * Nothing here reaches ND4J: the device check runs it from the carry.
 */
package io.github.abasnn.gpu.step;
