package io.github.abasnn.results.report;

import io.github.abasnn.renewal.RenewalPolicy;
import io.github.abasnn.train.TrainConfig;

import io.github.abasnn.results.store.StoreNames;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Pareto fronts of accuracy against a cost, in Spark SQL over the {@code trials} view: a finished trial is on the
 * front when no other trial of the sweep is at least as accurate and at most as costly, and strictly better in one.
 */
public final class ParetoFront {
    /** The costs a front can be drawn against, by column. */
    public static final Map<String, String> COSTS = Map.of("bit_budget", "bit budget", "s_ace_g", "S-ACE (G)",
            "energy_pj", "energy per image (µJ)");

    /** Factor from a cost column's stored unit to the one {@link #COSTS} names (energy: stored in pJ, shown in µJ). */
    public static double displayScale(String cost) {
        return cost.equals("energy_pj") ? 1e-6 : 1;
    }

    private ParetoFront() {}

    /** Every finished trial of the sweep with a column {@code on_front} for the given cost. */
    public static Dataset<Row> trials(SparkSession spark, String sweep, String cost) {
        return trials(spark, sweep, cost, null);
    }

    /**
     * As {@link #trials(SparkSession, String, String)}, of the trials trained with {@code renewal} only (null: all);
     * rows stored before trials recorded their policy count as the default's.
     */
    public static Dataset<Row> trials(SparkSession spark, String sweep, String cost, RenewalPolicy renewal) {
        if (!COSTS.containsKey(cost)) {
            throw new IllegalArgumentException("unknown cost '" + cost + "'; known: " + COSTS.keySet());
        }
        // cost is one of COSTS' keys (a column name); the sweep and the policy are bound as parameters, literals to
        // Spark
        return spark.sql("SELECT t.trial_id, t.seed, t.target, t.uniform, t.init, t.test_accuracy, t.weight_bits,"
                + " t.spike_bits, t.time_steps, t.bit_budget, t.s_ace_g, t.energy_pj,"
                + " NOT EXISTS (SELECT 1 FROM trials o WHERE " + finished("o", cost, renewal)
                + " AND o.test_accuracy >= t.test_accuracy AND o." + cost + " <= t." + cost
                + " AND (o.test_accuracy > t.test_accuracy OR o." + cost + " < t." + cost + "))"
                + " AS on_front FROM trials t WHERE " + finished("t", cost, renewal) + " ORDER BY t." + cost,
                params(sweep, renewal));
    }

    /** The sweep's finished trials with {@code cost}, on the {@code trials} alias {@code t}; {@code :sweep} bound. */
    private static String finished(String t, String cost, RenewalPolicy renewal) {
        return t + ".sweep = :sweep AND " + t + ".status = 'ok' AND " + t + ".test_accuracy IS NOT NULL AND " + t + "."
                + cost + " IS NOT NULL" + (renewal == null ? "" : " AND " + renewalIs(t));
    }

    /**
     * The renewal condition on the {@code trials} alias {@code t}, {@code :renewal} bound; a row stored before trials
     * recorded their policy counts as the default's.
     */
    static String renewalIs(String t) {
        return "coalesce(" + t + ".renewal, :default_renewal) = :renewal";
    }

    /** {@code :sweep}, and {@code :renewal} when one is given, as Spark binds them. */
    static java.util.Map<String, Object> params(String sweep, RenewalPolicy renewal) {
        java.util.Map<String, Object> p = new java.util.HashMap<>();
        p.put("sweep", StoreNames.sweep(sweep));
        if (renewal != null) {
            p.put("renewal", renewal.name().toLowerCase(java.util.Locale.ROOT));
            p.put("default_renewal", TrainConfig.DEFAULTS.quantizers().renewalName());
        }
        return p;
    }

    public static List<Row> front(SparkSession spark, String sweep, String cost) {
        return front(spark, sweep, cost, null);
    }

    /** The front of the trials trained with {@code renewal} (null: all). */
    public static List<Row> front(SparkSession spark, String sweep, String cost, RenewalPolicy renewal) {
        return trials(spark, sweep, cost, renewal).filter("on_front").collectAsList();
    }
}
