package io.github.abasnn.plan;

import java.util.List;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * One parameter of one layer in the flat parameter vector, with everything its update needs: where its updater state
 * sits in the flat updater state, the updater and regularization DL4J gives it, and whether its gradient is divided
 * by the batch size (every parameter but batch norm's running statistics).
 *
 * @param stateOffset where its updater state starts in the flat state vector ({@code stateLength} 0: none)
 */
public record ParamSlice(String layer, String key, long offset, long length, long stateOffset, long stateLength,
                         IUpdater updater, List<Regularization> regularization, boolean divideByBatch) {

    public ParamSlice {
        regularization = regularization == null ? List.of() : List.copyOf(regularization);
    }

    /**
     * The rule at {@code iteration} of {@code epoch}: the updater's rate and momentum from its schedules, the L2
     * coefficient; fails naming the parameter for an updater or regularization the plan has no rule for.
     */
    public UpdateRule rule(int iteration, int epoch) {
        double l2 = 0;
        for (Regularization r : regularization) {
            if (!(r instanceof L2Regularization l)) {
                throw new IllegalArgumentException("parameter " + qualifiedName() + ": the step plan has no rule for"
                        + " regularization " + r);
            }
            l2 += l.getL2().valueAt(iteration, epoch);
        }
        if (updater instanceof Nesterovs n) {
            return new UpdateRule(UpdateRule.Kind.NESTEROV, n.getLearningRate(iteration, epoch),
                    n.currentMomentum(iteration, epoch), l2, divideByBatch);
        }
        if (updater instanceof Sgd sgd) {
            return new UpdateRule(UpdateRule.Kind.SGD, sgd.getLearningRate(iteration, epoch), 0, l2, divideByBatch);
        }
        if (updater instanceof NoOp) {
            return new UpdateRule(UpdateRule.Kind.NONE, 0, 0, l2, divideByBatch);
        }
        throw new IllegalArgumentException("parameter " + qualifiedName() + ": the step plan has no rule for updater "
                + updater);
    }

    /** DL4J's name of the parameter: {@code layer_key}. */
    public String qualifiedName() {
        return layer + "_" + key;
    }
}
