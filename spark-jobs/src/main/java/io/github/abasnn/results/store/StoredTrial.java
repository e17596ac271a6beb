package io.github.abasnn.results.store;

import io.github.abasnn.train.TrialStatus;

/** A committed trial as the sweep job needs it: where it is stored, its status, options and provenance. */
public record StoredTrial(String trialId, TrialStatus status, String codeVersion, Integer attempt,
                          String configJson, String dataChecksum) {
    /** Whether it ran to its end (ok, or stopped by a rule). */
    public boolean finished() {
        return status.finished();
    }
}
