package io.github.abasnn.results.store;


import io.github.abasnn.results.store.ResultWriter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result tables as Delta tables: atomic per-trial commits, racing drivers, history, time travel, migration. */
class DeltaResultStoreTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = DeltaSessions.configure(SparkSession.builder()).master("local[2]").appName("delta-store-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    static long count(ResultStore store, String sql) {
        store.registerViews();
        return spark.sql(sql).first().getLong(0);
    }

    @Test
    void tablesAreDeltaAndAFailedTrialIsReplacedNeverDuplicated() {
        ResultStore store = new ResultStore(spark, tmp.resolve("a").toUri().toString());
        store.commit("s", TrialRowsFixture.trial("x", 0.5, 4, "failed"));
        assertTrue(Files.isDirectory(tmp.resolve("a/trials/_delta_log")));
        assertTrue(store.commit("s", TrialRowsFixture.trial("x", 0.8, 4, "ok")), "a failed trial is run again");
        assertFalse(store.commit("s", TrialRowsFixture.trial("x", 0.1, 4, "ok")), "a finished trial is kept");
        assertEquals(1, count(store, "SELECT count(*) FROM trials WHERE trial_id = 'x'"));
        assertEquals(0.8, spark.sql("SELECT test_accuracy FROM trials").first().getDouble(0));
        List<Row> history = store.history("trials").filter("operation = 'WRITE'").collectAsList();
        assertEquals(2, history.size(), "two commits of trials: the failed row, then its replacement");
        assertEquals(ResultTables.SCHEMA_VERSION, store.schemaVersion("trials"), "stamped on the first commit");
    }

    @Test
    void aGroupIsOneCommitPerTableAndLeavesOutATrialAnotherDriverFinished() {
        ResultStore store = new ResultStore(spark, tmp.resolve("g").toUri().toString());
        store.commit("s", TrialRowsFixture.trial("done", 0.9, 4, "ok"));
        store.commit("s", TrialRowsFixture.trial("redo", 0.2, 4, "failed"));
        long writesBefore = store.history("trials").filter("operation = 'WRITE'").count();
        java.util.Set<String> written = store.commit("s", List.of(
                new ResultWriter.Commit(TrialRowsFixture.trial("a", 0.5, 4, "ok"), t -> false),
                new ResultWriter.Commit(TrialRowsFixture.trial("done", 0.1, 4, "ok"), t -> false),
                new ResultWriter.Commit(TrialRowsFixture.trial("redo", 0.7, 4, "ok"), t -> false),
                new ResultWriter.Commit(TrialRowsFixture.trial("b", 0.6, 2, "ok"), t -> false)));
        assertEquals(java.util.Set.of("a", "redo", "b"), written);
        assertEquals(writesBefore + 1, store.history("trials").filter("operation = 'WRITE'").count(),
                "three trials, one commit");
        assertEquals(4, count(store, "SELECT count(*) FROM trials WHERE sweep = 's'"));
        assertEquals(0.9, spark.sql("SELECT test_accuracy FROM trials WHERE trial_id = 'done'").first().getDouble(0),
                "the finished trial kept its rows");
        assertEquals(0.7, spark.sql("SELECT test_accuracy FROM trials WHERE trial_id = 'redo'").first().getDouble(0));
        assertEquals(count(store, "SELECT count(*) FROM layers WHERE trial_id = 'done'"),
                count(store, "SELECT count(*) FROM layers WHERE trial_id = 'a'"), "every table written for the group");
    }

    @Test
    void aRelativeResultsPathIsWrittenAndStamped() throws Exception {
        String relative = "target/relative-store-" + java.util.UUID.randomUUID(); // as the quick start's runs/results
        try {
            ResultStore store = new ResultStore(spark, relative);
            assertTrue(store.commit("s", TrialRowsFixture.trial("x", 0.5, 4, "ok")));
            assertEquals(ResultTables.SCHEMA_VERSION, store.schemaVersion("trials"));
            assertEquals(1, count(store, "SELECT count(*) FROM trials WHERE sweep = 's'"));
        } finally {
            try (var walk = Files.walk(Path.of(relative))) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aStoreOfANewerSchemaIsNotWrittenAndAnOlderOneIsUpgraded() {
        ResultStore store = new ResultStore(spark, tmp.resolve("versions").toUri().toString());
        store.commit("s", TrialRowsFixture.trial("x", 0.5, 4, "ok"));
        String trials = store.base() + "/trials";
        spark.sql("ALTER TABLE delta.`" + trials + "` UNSET TBLPROPERTIES ('" + ResultTables.SCHEMA_VERSION_PROPERTY
                + "')");
        ResultStore older = new ResultStore(spark, store.base());
        assertEquals(0, older.schemaVersion("trials"), "a store of the first Delta version");
        older.commit("s", TrialRowsFixture.trial("y", 0.5, 4, "ok"));
        assertEquals(ResultTables.SCHEMA_VERSION, older.schemaVersion("trials"), "upgraded by its next commit");

        spark.sql("ALTER TABLE delta.`" + trials + "` SET TBLPROPERTIES ('" + ResultTables.SCHEMA_VERSION_PROPERTY
                + "' = '" + (ResultTables.SCHEMA_VERSION + 1) + "')");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ResultStore(spark, store.base()).commit("s", TrialRowsFixture.trial("z", 0.5, 4, "ok")));
        assertTrue(e.getMessage().contains("schema version " + (ResultTables.SCHEMA_VERSION + 1)), e.getMessage());
        assertEquals(2, count(store, "SELECT count(*) FROM trials WHERE sweep = 's'"), "nothing written");
    }

    @Test
    void twoDriversCommittingTheSameTrialAtOnceLeaveOneRowSet() throws Exception {
        String uri = tmp.resolve("race").toUri().toString();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                String id = "t" + round;
                List<Callable<Boolean>> drivers = List.of(
                        () -> new ResultStore(spark, uri).commit("s", TrialRowsFixture.trial(id, 0.7, 2, "ok")),
                        () -> new ResultStore(spark, uri).commit("s", TrialRowsFixture.trial(id, 0.7, 2, "ok")));
                for (Future<Boolean> f : pool.invokeAll(drivers)) {
                    f.get();
                }
            }
        } finally {
            pool.shutdown();
        }
        ResultStore store = new ResultStore(spark, uri);
        assertEquals(2, count(store, "SELECT count(*) FROM trials"));
        assertEquals(2, count(store, "SELECT count(DISTINCT trial_id) FROM trials"));
    }

    @Test
    void aReportCanBeReproducedAsOfAnEarlierVersion() {
        ResultStore store = new ResultStore(spark, tmp.resolve("tt").toUri().toString());
        store.commit("s", TrialRowsFixture.trial("first", 0.7, 2, "ok"));
        long v0 = store.history("trials").agg(org.apache.spark.sql.functions.max("version")).first().getLong(0);
        sleep(1100); // Delta's timestamps are per commit; keep the two apart
        store.commit("s", TrialRowsFixture.trial("second", 0.8, 4, "ok"));
        assertEquals(2, count(store, "SELECT count(*) FROM trials"));
        assertEquals(1, count(store.asOf(String.valueOf(v0)), "SELECT count(*) FROM trials"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.asOf("99"));
        assertTrue(e.getMessage().contains("no such version"), e.getMessage());
    }

    @Test
    void aParquetStoreOfEarlierVersionsIsConvertedInPlace() throws Exception {
        Path old = tmp.resolve("old");
        spark.createDataFrame(List.of(TrialRowsFixture.trial("legacy", 0.6, 3, "ok").trials().get(0)),
                        ResultTables.TRIAL).withColumn("sweep", org.apache.spark.sql.functions.lit("s"))
                .withColumn("trial_id", org.apache.spark.sql.functions.lit("legacy"))
                .write().partitionBy("sweep", "trial_id").parquet(old.resolve("trials").toString());
        ResultStore store = new ResultStore(spark, old.toUri().toString());
        assertEquals(java.util.Set.of("legacy"), store.storedTrials("s").stream().map(StoredTrial::trialId)
                .collect(java.util.stream.Collectors.toSet()));
        assertTrue(Files.isDirectory(old.resolve("trials/_delta_log")));
        store.commit("s", TrialRowsFixture.trial("new", 0.9, 3, "ok"));
        assertEquals(2, count(store, "SELECT count(*) FROM trials"));
    }

    @Test
    void aSecondDriverOfASweepIsRefusedNamingTheHolderAndAStaleLeaseIsTakenOver() throws Exception {
        FileSystem fs = new org.apache.hadoop.fs.Path(tmp.toUri()).getFileSystem(spark.sparkContext()
                .hadoopConfiguration());
        String base = tmp.resolve("leases").toUri().toString();
        try (SweepLease first = SweepLease.acquire(fs, base, "s", Duration.ZERO)) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SweepLease.acquire(fs, base, "s", Duration.ofSeconds(3)));
            assertTrue(e.getMessage().contains("sweep 's' is being run by another driver ("
                    + java.net.InetAddress.getLocalHost().getHostName()), e.getMessage());
            try (SweepLease other = SweepLease.acquire(fs, base, "another-sweep", Duration.ZERO)) {
                assertTrue(other != null, "leases are per sweep");
            }
        }
        try (SweepLease again = SweepLease.acquire(fs, base, "s", Duration.ZERO)) {
            // released on close; now pretend its driver died long ago
            fs.setTimes(new org.apache.hadoop.fs.Path(base + "/_leases/s.lease"),
                    System.currentTimeMillis() - SweepLease.STALE.toMillis() - 10_000, -1);
            try (SweepLease takeover = SweepLease.acquire(fs, base, "s", Duration.ZERO)) {
                assertTrue(takeover != null);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
