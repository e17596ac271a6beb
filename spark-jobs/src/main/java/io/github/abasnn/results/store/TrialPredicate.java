package io.github.abasnn.results.store;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.Collection;
import org.apache.spark.sql.Column;

/**
 * Row predicates of the result tables, built as Spark {@link Column} expressions from checked names
 * ({@link StoreNames}): reads filter with them, and Delta's {@code replaceWhere} gets the same expression rendered by
 * Spark itself ({@link #sql}), so no literal is ever pasted into SQL text.
 */
public final class TrialPredicate {
    private TrialPredicate() {}

    /** The rows of one sweep. */
    public static Column sweep(String sweep) {
        return col("sweep").equalTo(lit(StoreNames.sweep(sweep)));
    }

    /** The rows of some trials of one sweep. */
    public static Column trials(String sweep, Collection<String> trialIds) {
        if (trialIds.isEmpty()) {
            throw new IllegalArgumentException("a predicate over no trials of sweep '" + sweep + "'");
        }
        return sweep(sweep).and(col("trial_id").isin(StoreNames.trials(trialIds).toArray()));
    }

    /** {@code predicate} as Spark SQL text, written by Spark's own expression printer (literals escaped by it). */
    public static String sql(Column predicate) {
        return predicate.expr().sql();
    }
}
