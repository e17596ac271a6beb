package io.github.abasnn.results.report;

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
        if (!COSTS.containsKey(cost)) {
            throw new IllegalArgumentException("unknown cost '" + cost + "'; known: " + COSTS.keySet());
        }
        // cost is one of COSTS' keys (a column name); the sweep is bound as a parameter, a literal to Spark
        String ok = "sweep = :sweep AND status = 'ok' AND test_accuracy IS NOT NULL AND " + cost + " IS NOT NULL";
        return spark.sql("SELECT t.trial_id, t.seed, t.target, t.uniform, t.init, t.test_accuracy, t.weight_bits,"
                + " t.spike_bits, t.time_steps, t.bit_budget, t.s_ace_g, t.energy_pj,"
                + " NOT EXISTS (SELECT 1 FROM trials o"
                + " WHERE o." + ok.replace(" AND ", " AND o.") + " AND o.test_accuracy >= t.test_accuracy AND o." + cost
                + " <= t." + cost + " AND (o.test_accuracy > t.test_accuracy OR o." + cost + " < t." + cost + "))"
                + " AS on_front FROM trials t WHERE t." + ok.replace(" AND ", " AND t.") + " ORDER BY t." + cost,
                java.util.Map.of("sweep", StoreNames.sweep(sweep)));
    }

    public static List<Row> front(SparkSession spark, String sweep, String cost) {
        return trials(spark, sweep, cost).filter("on_front").collectAsList();
    }
}
