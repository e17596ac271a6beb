package io.github.abasnn.plan;

/**
 * How one parameter is updated at one iteration, in plain numbers (its updater's schedules already evaluated): what a
 * backend needs, the device's fused updater included, without ND4J's updater objects. Applied in this order: the
 * gradient (a batch sum) divided by the batch size where {@code divideByBatch}, {@code l2 * w} added, then the rule;
 * the result is subtracted from the parameter.
 */
public record UpdateRule(Kind kind, double learningRate, double momentum, double l2, boolean divideByBatch) {

    /** The updater's rule. */
    public enum Kind {
        /** No updater: the gradient is the update (batch norm's running statistics). */
        NONE,
        /** {@code update = lr g}. */
        SGD,
        /** Nesterov momentum as ND4J applies it: {@code v' = mu v - lr g}, {@code update = mu v - (1 + mu) v'}. */
        NESTEROV
    }
}
