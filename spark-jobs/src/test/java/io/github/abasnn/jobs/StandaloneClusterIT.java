package io.github.abasnn.jobs;

import io.github.abasnn.results.store.ResultStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep on a real standalone cluster — a master and two worker JVMs started once for every case by
 * submit/spark/cluster.sh from the built jars, each worker reporting two GPUs through a discovery script — writes
 * every trial once; a second submission runs nothing. (That a re-run trains nothing and that bad input is refused are
 * covered in local mode too, by SweepJobTest and SweepSpecTest; here each is checked once, where the cluster matters.)
 */
class StandaloneClusterIT {
    @TempDir
    static Path cluster;
    @TempDir
    Path tmp;

    static final java.util.Map<String, String> CLUSTER_ENV = new java.util.HashMap<>();

    @BeforeAll
    static void startCluster() throws Exception {
        // two workers that each report two GPUs through a discovery script (no real GPU: the scheduling path only)
        Path discovery = Files.writeString(cluster.resolve("gpus.sh"), "#!/bin/bash\n"
                + "echo '{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}'\n");
        discovery.toFile().setExecutable(true);
        CLUSTER_ENV.put("CLUSTER_STATE", cluster.resolve("state").toString());
        CLUSTER_ENV.put("MASTER_PORT", "17077");
        CLUSTER_ENV.put("UI_PORT", "18080");
        CLUSTER_ENV.put("WORKER_MEMORY", "2g");
        CLUSTER_ENV.put("WORKER_OPTS", "-Dspark.worker.resource.gpu.amount=2"
                + " -Dspark.worker.resource.gpu.discoveryScript=" + discovery);
        CLUSTER_ENV.put("DISCOVERY", discovery.toString());
        String out = script(cluster, 0, java.util.Map.of(), "start");
        assertTrue(out.contains("with 2 workers"), out);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        script(cluster, 0, java.util.Map.of(), "stop");
    }

    @Test
    void aSweepReadsItsDatasetAndWritesItsTablesOnHdfs() throws Exception {
        try (io.github.abasnn.storage.MiniHdfs hdfs = new io.github.abasnn.storage.MiniHdfs(tmp.resolve("hdfs"))) {
            ToySpark.writeToyIdx(tmp.resolve("fm"));
            hdfs.put(tmp.resolve("fm"), hdfs.uri("/datasets/fm"));
            Path sweep = Files.writeString(tmp.resolve("hdfs.conf"), """
                    sweep {
                      name = onhdfs
                      results = "%s"
                      base { network = resnet20, width = 2, dataset = fashion-mnist, data-dir = "%s", epochs = 1,
                             batch = 32 }
                      axes { target = ["2/2/1", "1/1/1"] }
                    }
                    """.formatted(hdfs.uri("/results"), hdfs.uri("/datasets/fm")));
            String first = submit(sweep);
            assertTrue(first.contains("sweep onhdfs: 2 trials, 0 already done, 2 ok, 0 stopped early, 0 failed"), first);
            org.apache.hadoop.fs.FileSystem fs = hdfs.fs();
            assertEquals(2, fs.listStatus(new org.apache.hadoop.fs.Path(hdfs.uri("/results/trials/sweep=onhdfs")))
                    .length);
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path(hdfs.uri("/results/models/onhdfs"))));
            // a missing dataset URI is refused before anything runs: HadoopDataTest, on MiniHdfs without a cluster
        }
    }

    private String submit(Path sweep) throws Exception {
        return submit(sweep, 0);
    }

    private String submit(Path sweep, int expectedExit) throws Exception {
        return submit(sweep, expectedExit, java.util.Map.of());
    }

    private String submit(Path sweep, int expectedExit, java.util.Map<String, String> env) throws Exception {
        return script(tmp, expectedExit, env, "submit", "sweep", "--file", sweep.toString());
    }

    /** Runs submit/spark/cluster.sh with {@code args} in {@code dir} on the shared cluster's settings. */
    private static String script(Path dir, int expectedExit, java.util.Map<String, String> env, String... args)
            throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("bash",
                root.resolve("submit/spark/cluster.sh").toString()));
        cmd.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(dir.toFile());
        Path log = Files.createTempFile(dir, "cluster", ".log");
        pb.redirectOutput(log.toFile());
        pb.environment().putAll(CLUSTER_ENV);
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean ended = p.waitFor(6, TimeUnit.MINUTES);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
        }
        String out = Files.readString(log);
        assertTrue(ended, "cluster run timed out:\n" + out);
        assertEquals(expectedExit, p.exitValue(), out);
        return out;
    }

    /**
     * Two trials at once, one per worker slot, each bound to the GPU Spark assigned its task (each worker reports two
     * through the discovery script; no real GPU, the scheduling path only); a re-run trains nothing.
     */
    @Test
    void sweepRunsOnTwoWorkersEachTrialOnItsAssignedGpuAndReRunsNothing() throws Exception {
        String discovery = CLUSTER_ENV.get("DISCOVERY");
        java.util.Map<String, String> gpus = java.util.Map.of("SUBMIT_OPTS",
                "--conf spark.executor.resource.gpu.amount=2 --conf spark.task.resource.gpu.amount=1"
                        + " --conf spark.executor.resource.gpu.discoveryScript=" + discovery);
        ToySpark.writeToyIdx(tmp.resolve("fm"));
        Path sweep = Files.writeString(tmp.resolve("cluster.conf"), """
                sweep {
                  name = cluster
                  results = "results"
                  base { network = resnet20, width = 2, dataset = fashion-mnist, data-dir = "fm", epochs = 1, batch = 32 }
                  axes { target = ["2/2/1", "1/1/1"] }
                }
                """);
        String first = submit(sweep, 0, gpus);
        assertTrue(first.contains("2 trials in flight"), "both workers' slots used: " + first);
        assertTrue(first.contains("sweep cluster: 2 trials, 0 already done, 2 ok, 0 stopped early, 0 failed"), first);
        try (org.apache.spark.sql.SparkSession spark = ToySpark.start("gpu-check")) {
            ResultStore store = new ResultStore(spark, tmp.resolve("results").toUri().toString());
            store.registerViews();
            for (org.apache.spark.sql.Row r : spark.sql("SELECT backend FROM trials").collectAsList()) {
                assertTrue(r.getString(0).matches(".*, GPU [01]"), r.getString(0));
            }
        }
        String again = submit(sweep);
        assertTrue(again.contains("sweep cluster: 2 trials, 2 already done, 0 ok, 0 stopped early, 0 failed"), again);
        try (var dirs = Files.list(tmp.resolve("results/trials/sweep=cluster"))) {
            assertEquals(2, dirs.count());
        }
    }
}
