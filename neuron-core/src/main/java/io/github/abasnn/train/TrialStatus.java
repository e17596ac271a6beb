package io.github.abasnn.train;

import java.util.Locale;

/**
 * How a training run ended, as the {@code trials} table's {@code status} column records it: {@code ok} (ran every
 * epoch), {@code stopped} (a stopping rule ended it early) or {@code failed} (training threw; the reason is recorded).
 */
public enum TrialStatus {
    OK, STOPPED, FAILED;

    /** The value stored in the {@code status} column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the run went to its end (ok, or stopped by a rule): such a trial is not trained again. */
    public boolean finished() {
        return this != FAILED;
    }

    /** The status a {@code status} column value records; names the value when it is none. */
    public static TrialStatus ofColumn(String value) {
        for (TrialStatus s : values()) {
            if (s.column().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("trial status '" + value + "' is none of ok, stopped, failed");
    }
}
