package io.github.abasnn.sweep;

import io.github.abasnn.train.EpochMetrics;
import java.io.Serializable;
import java.util.List;

/**
 * Early stopping of sweep trials: after each epoch, whether a running trial should stop, judged against the trials of
 * the sweep that already finished. A stopped trial keeps its rows with status {@code stopped} and the rule's name.
 */
public interface StoppingRule extends Serializable {

    /** How the rule is named in sweep files and in a stopped trial's row. */
    String name();

    /** The same rule against another reference population. */
    StoppingRule against(List<TrialCurve> finished);

    /** Whether a trial with these epochs so far should stop now. */
    boolean shouldStop(List<EpochMetrics> sofar);
}
