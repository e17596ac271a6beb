package io.github.abasnn.results.store;

import io.github.abasnn.results.report.ParetoFront;
import io.github.abasnn.results.report.SweepReport;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Names that would break a predicate pasted into SQL (a quote, a backslash, {@code OR 1=1}) are refused by every
 * entry point of the store, naming the value, and leave every other sweep's rows as they were; and the predicates
 * Spark renders for {@code replaceWhere} stay literals even for such a name.
 */
class HostileNamesTest {
    static final List<String> SWEEPS = List.of("quickstart", "other");
    static SparkSession spark;
    static ResultStore store;
    static List<Row> before;

    @BeforeAll
    static void start(@org.junit.jupiter.api.io.TempDir Path tmp) {
        spark = DeltaSessions.configure(SparkSession.builder()).master("local[2]").appName("hostile-names-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        store = new ResultStore(spark, tmp.resolve("r").toUri().toString());
        for (String sweep : SWEEPS) {
            store.commit(sweep, TrialRowsFixture.trial("t1", 0.7, 4, "ok"));
            store.commit(sweep, TrialRowsFixture.trial("t2", 0.6, 2, "ok"));
        }
        before = everything();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** Every row of every table, as text, in a fixed order. */
    static List<Row> everything() {
        List<Row> out = new java.util.ArrayList<>();
        for (String table : ResultTables.ALL) {
            Dataset<Row> d = store.read(table);
            out.addAll(d.select(d.col("sweep"), d.col("trial_id"), org.apache.spark.sql.functions.to_json(
                    org.apache.spark.sql.functions.struct(d.col("*"))).as("row")).orderBy("sweep", "trial_id", "row")
                    .collectAsList());
        }
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"a' OR 1=1 --", "a\\' OR 1=1 --", "quickstart' OR sweep = 'other", ".."})
    void everyEntryPointRefusesTheNameAndNothingChanges(String hostile) {
        List<Runnable> calls = List.of(
                () -> store.commit(hostile, TrialRowsFixture.trial("t9", 0.9, 1, "ok")),
                () -> store.commit("quickstart", TrialRowsFixture.trial(hostile, 0.9, 1, "ok")),
                () -> store.replaceScores(ResultTables.PREDICTIONS, hostile, "t1", spark.createDataFrame(List.of(),
                        ResultTables.schema(ResultTables.PREDICTIONS))),
                () -> store.storedTrials(hostile),
                () -> store.curves(hostile),
                () -> TableAudit.of(spark, store, hostile),
                () -> new SweepReport(spark, store, hostile),
                () -> ParetoFront.trials(spark, hostile, "bit_budget"),
                () -> TableExport.write(spark, store, hostile, "json", "unused"));
        for (Runnable call : calls) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
            assertTrue(e.getMessage().contains("'" + hostile + "'"), "names the value: " + e.getMessage());
        }
        assertEquals(before, everything(), "every sweep's rows unchanged");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a' OR 1=1 --", "a\\' OR 1=1 --", "x\\", "quickstart' OR sweep = 'other"})
    void theRenderedPredicateKeepsAnyStringALiteral(String hostile) {
        Dataset<Row> trials = store.read(ResultTables.TRIALS);
        String sql = TrialPredicate.sql(col("sweep").equalTo(lit(hostile)).and(col("trial_id").isin("t1", "t2")));
        assertEquals(0, trials.filter(sql).count(), "no row matches: " + sql);
        String ok = TrialPredicate.sql(TrialPredicate.trials("quickstart", List.of("t1", "t2")));
        assertEquals(2, trials.filter(ok).count(), ok);
    }
}
