package io.github.abasnn.sweep;

import java.io.Serializable;

/**
 * What a stopping rule knows of a finished trial: its test accuracy and its bit budget after each epoch.
 *
 * @param accuracy  test accuracy per epoch, in epoch order
 * @param bitBudget bit budget of the allocation in force after each epoch
 */
public record TrialCurve(double[] accuracy, double[] bitBudget) implements Serializable {

    public TrialCurve {
        if (accuracy.length != bitBudget.length) {
            throw new IllegalArgumentException("a curve needs one bit budget per epoch: " + accuracy.length
                    + " accuracies, " + bitBudget.length + " bit budgets");
        }
        accuracy = accuracy.clone();
        bitBudget = bitBudget.clone();
    }

    public int epochs() {
        return accuracy.length;
    }

    /** The best accuracy over epochs {@code 1..e}. */
    public double bestAccuracy(int e) {
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < e; i++) {
            best = Math.max(best, accuracy[i]);
        }
        return best;
    }
}
