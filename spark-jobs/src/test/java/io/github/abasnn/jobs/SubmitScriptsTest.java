package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The submit scripts through spark-submit's own parser ({@code --verbose}, this build's SparkSubmit, the application
 * asked only for {@code --version}): a site's spark-defaults.conf survives, the project's settings are added on top,
 * SUBMIT_OPTS passes further options, and the YARN and Kubernetes templates resolve to the configuration they
 * promise. No cluster is contacted (SPARK_TESTING skips the YARN/Kubernetes class checks this build cannot pass).
 */
class SubmitScriptsTest {
    @TempDir
    static Path tmp;
    static Path siteConf;
    static Path appJar;

    @BeforeAll
    static void site() throws Exception {
        siteConf = Files.createDirectories(tmp.resolve("site-conf"));
        Files.writeString(siteConf.resolve("spark-defaults.conf"), """
                spark.eventLog.enabled   true
                spark.eventLog.dir       file:/site/spark-events
                spark.yarn.queue         site-queue
                spark.hadoop.fs.s3a.endpoint  http://site-store:9000
                """);
        appJar = tmp.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(appJar))) {
            out.flush(); // an empty jar: the classes come from JOBS_CP
        }
    }

    static String run(String script, Map<String, String> env, String... args) throws Exception {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("submit").resolve(script).toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(tmp.toFile());
        Path log = Files.createTempFile(tmp, script.replace('/', '-'), ".log");
        pb.redirectOutput(log.toFile());
        pb.environment().remove("SPARK_HOME");
        pb.environment().put("JOBS_CP", System.getProperty("java.class.path"));
        pb.environment().put("SPARK_CONF_DIR", siteConf.toString());
        pb.environment().put("SPARK_TESTING", "1");
        pb.environment().put("HADOOP_CONF_DIR", tmp.toString());
        pb.environment().put("APP_JAR", appJar.toString());
        pb.environment().put("HEAP", "512m");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), script + " did not end");
        String out = Files.readString(log);
        if (!script.equals("spark/k8s.sh")) { // the Kubernetes client is not on this build's class path
            assertEquals(0, p.exitValue(), out);
        }
        return out;
    }

    @Test
    void localRunsKeepTheSiteDefaultsAndAddTheProjectsSettings() throws Exception {
        String out = run("spark/local.sh", Map.of("SUBMIT_OPTS", "--verbose --conf spark.abasnn.extra=passed"), "--version");
        assertTrue(out.contains("aba-snn 0."), out); // the application ran
        assertTrue(out.contains("(spark.eventLog.dir,file:/site/spark-events)"), "site default kept:\n" + out);
        assertTrue(out.contains("(spark.hadoop.fs.s3a.endpoint,http://site-store:9000)"), out);
        assertTrue(out.contains("(spark.executor.memoryOverhead,4g)"), "project setting added:\n" + out);
        assertTrue(out.contains("(spark.task.maxFailures,2)"), out);
        assertTrue(out.contains("(spark.abasnn.extra,passed)"), "SUBMIT_OPTS passed through:\n" + out);
        assertTrue(out.contains("local[2]"), out);
    }

    @Test
    void theYarnTemplateAsksForOneGpuPerTaskOnTopOfTheSiteQueue() throws Exception {
        String out = run("spark/yarn.sh", Map.of("SUBMIT_OPTS", "--verbose"), "--version");
        assertTrue(out.contains("master                  yarn"), out);
        assertTrue(out.contains("(spark.yarn.queue,site-queue)"), out);
        assertTrue(out.contains("(spark.executor.resource.gpu.amount,1)"), out);
        assertTrue(out.contains("(spark.task.resource.gpu.amount,1)"), out);
        assertTrue(out.contains("(spark.executor.memoryOverhead,4g)"), out);
        assertTrue(out.contains("(spark.executor.instances,4)") || out.contains("numExecutors            4"), out);
    }

    @Test
    void theKubernetesTemplateNamesItsImageAndGpuVendor() throws Exception {
        String out = run("spark/k8s.sh", Map.of("SUBMIT_OPTS", "--verbose", "IMAGE", "registry/aba-snn:test",
                "K8S", "https://api.example:6443"), "--version");
        assertTrue(out.contains("k8s://https://api.example:6443"), out);
        assertTrue(out.contains("(spark.kubernetes.container.image,registry/aba-snn:test)"), out);
        assertTrue(out.contains("(spark.executor.resource.gpu.vendor,nvidia.com)"), out);
        assertTrue(out.contains("(spark.eventLog.enabled,true)"), out);
        assertTrue(out.contains("(spark.executor.memoryOverhead,4g)"), out);
    }
}
