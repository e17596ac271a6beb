package io.github.abasnn.bench;

/** Who runs the benchmark's training step. */
public enum StepEngine {
    /** DL4J's {@code ComputationGraph.fit}, the trainer's step today. */
    DL4J,
    /** The step plan's CPU backend ({@code plan.CpuPlanStep}): the same numbers, without DL4J's per-layer machinery. */
    PLAN
}
