package io.github.abasnn.results.report;

import io.github.abasnn.results.store.DeltaSessions;
import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.StoredTrial;
import io.github.abasnn.results.store.TrialRows;
import io.github.abasnn.results.store.TrialRowsFixture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParetoFrontTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = DeltaSessions.configure(SparkSession.builder()).master("local[2]").appName("pareto-test").config("spark.ui.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static TrialRows trial(String id, double accuracy, double bitBudget, String status) {
        return TrialRowsFixture.trial(id, accuracy, bitBudget, status);
    }

    @Test
    void frontKeepsOnlyUndominatedTrials() {
        ResultStore store = new ResultStore(spark, tmp.resolve("r").toUri().toString());
        store.commit("s", trial("a", 0.90, 32, "ok"));
        store.commit("s", trial("b", 0.85, 4, "ok"));
        store.commit("s", trial("c", 0.80, 8, "ok"));   // dominated by b
        store.commit("s", trial("d", 0.70, 1, "ok"));
        store.commit("s", trial("e", 0.99, 0.5, "failed"));  // failed trials are not candidates
        store.commit("other", trial("f", 0.99, 0.1, "ok")); // another sweep
        store.commit("s", trial("c", 0.80, 8, "ok"));   // a retry replaces, never duplicates
        store.registerViews();
        assertEquals(6L, spark.sql("SELECT count(*) FROM trials").first().getLong(0));
        Set<String> front = ParetoFront.front(spark, "s", "bit_budget").stream().map(r -> r.getString(0))
                .collect(Collectors.toSet());
        assertEquals(Set.of("a", "b", "d"), front);
        assertEquals(Set.of("a", "b", "d"), ParetoFront.front(spark, "s", "energy_pj").stream()
                .map(r -> r.getString(0)).collect(Collectors.toSet()));
        assertEquals(Set.of("a", "b", "c", "d", "e"), store.storedTrials("s").stream().map(StoredTrial::trialId)
                .collect(Collectors.toSet()));
        assertEquals(Set.of("a", "b", "c", "d"), store.storedTrials("s").stream().filter(StoredTrial::finished)
                .map(StoredTrial::trialId)
                .collect(Collectors.toSet()), "a failed trial runs again on a re-run");
    }

    @Test
    void aFrontOfOneRenewalPolicyLeavesTheOtherPoliciesTrialsOut() {
        ResultStore store = new ResultStore(spark, tmp.resolve("policies").toUri().toString());
        store.commit("s", TrialRowsFixture.trial("act", 0.85, 4, "ok", "activation"));
        store.commit("s", TrialRowsFixture.trial("both", 0.90, 2, "ok", "both")); // dominates act
        store.commit("s", TrialRowsFixture.trial("old", 0.80, 1, "ok", null)); // stored before the column: default
        store.registerViews();
        assertEquals(Set.of("both", "old"), ids(ParetoFront.front(spark, "s", "bit_budget")));
        assertEquals(Set.of("act", "old"), ids(ParetoFront.front(spark, "s", "bit_budget",
                io.github.abasnn.renewal.RenewalPolicy.ACTIVATION)));
        assertEquals(Set.of("both"), ids(ParetoFront.trials(spark, "s", "bit_budget",
                io.github.abasnn.renewal.RenewalPolicy.BOTH).collectAsList()));
        SweepReport report = new SweepReport(spark, store, "s", io.github.abasnn.renewal.RenewalPolicy.ACTIVATION);
        assertEquals(Set.of("act", "old"), ids(report.trials("bit_budget")));
    }

    private static Set<String> ids(List<org.apache.spark.sql.Row> rows) {
        return rows.stream().map(r -> r.getString(0)).collect(Collectors.toSet());
    }

    @Test
    void aCorruptFileLeavesTheRestOfTheStoreReadable() throws Exception {
        ResultStore store = new ResultStore(spark, tmp.resolve("corrupt").toUri().toString());
        store.commit("s", trial("good", 0.9, 4, "ok"));
        store.commit("s", trial("0123456789012345", 0.8, 2, "ok"));
        store.commit("2024x", trial("bad", 0.7, 1, "ok"));
        try (var files = java.nio.file.Files.list(tmp.resolve("corrupt/trials/sweep=2024x/trial_id=bad"))) {
            Path part = files.filter(f -> f.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
            java.nio.file.Files.writeString(part, "not parquet any more");
        }
        store.registerViews();
        assertEquals(Set.of("good", "0123456789012345"), store.storedTrials("s").stream()
                .filter(StoredTrial::finished).map(StoredTrial::trialId).collect(Collectors.toSet()),
                "ids stay strings");
        assertEquals(2L, spark.sql("SELECT count(*) FROM trials").first().getLong(0), "the corrupt file is skipped");
    }

    @Test
    void unknownCostIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> ParetoFront.trials(spark, "s", "latency"));
    }
}
