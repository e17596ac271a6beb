/**
 * The training step as a plan of ops ({@code StepPlan}): derived once from a DL4J graph (layer order, shapes,
 * parameter offsets, each parameter's updater and regularization), then run by a backend. {@code CpuPlanStep} runs
 * it on the host with the project's fused kernels and ND4J's convolutions and is held equal to DL4J's own step by
 * tests; a device backend (module {@code neuron-gpu}) reads the plan without ND4J as {@code PlanSpec} with the
 * step's {@code UpdateRule}s and matches the CPU plan op by op. The plan is what lets a step leave DL4J's per-layer
 * machinery while DL4J still defines, initialises and checkpoints the network ({@code train.PlanFitter}).
 *
 * <p>May import: {@code nn}, {@code quant}, {@code neuron}, {@code kernel}, {@code renewal}, {@code loss}, {@code tensor}, {@code profile}.
 */
package io.github.abasnn.plan;
