package io.github.abasnn.jobs;

import io.github.abasnn.results.store.ResultTables;
import io.github.abasnn.results.store.TrialRows;
import io.github.abasnn.train.TrialStatus;
import io.github.abasnn.sweep.TrialConfig;
import java.util.Locale;
import org.apache.spark.sql.Row;

/**
 * The driver's account of a running sweep: one line per finished trial with its outcome, and an estimate of the time
 * left from the mean wall time of the trials finished so far and the number running at once.
 */
final class SweepProgress {
    private final int total;
    private final int slots;
    private int done;
    private double seconds;

    SweepProgress(int total, int slots) {
        this.total = total;
        this.slots = Math.max(1, slots);
    }

    /** Records a finished trial; returns its line, e.g. {@code trial 3/12 ok: learned 2/2/1 91.2%, BB 3.8, ...}. */
    synchronized String finished(TrialConfig trial, TrialRows rows) {
        Row t = rows.trials().get(0);
        double wall = t.getDouble(ResultTables.TRIAL.fieldIndex("wall_seconds"));
        done++;
        seconds += wall;
        TrialStatus status = rows.status();
        int acc = ResultTables.TRIAL.fieldIndex("test_accuracy");
        int bb = ResultTables.TRIAL.fieldIndex("bit_budget");
        String result = status == TrialStatus.FAILED
                ? t.getString(ResultTables.TRIAL.fieldIndex("failure_reason"))
                : String.format(Locale.ROOT, "%.1f%%, BB %.2f", 100 * t.getDouble(acc), t.getDouble(bb));
        int left = total - done;
        double eta = left == 0 ? 0 : Math.ceil((double) left / slots) * seconds / done;
        return String.format(Locale.ROOT, "trial %d/%d %s: %s %s (%s), %s%s", done, total, status.column(),
                trial.label(),
                result, trial.id(), minutes(wall), left == 0 ? "" : "; ETA " + minutes(eta));
    }

    static String minutes(double seconds) {
        return seconds < 90 ? String.format(Locale.ROOT, "%.0f s", seconds)
                : String.format(Locale.ROOT, "%.0f min", seconds / 60);
    }
}
