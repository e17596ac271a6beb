package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.ResultTables;
import io.github.abasnn.results.store.TableExport;
import io.github.abasnn.sweep.SweepSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every notebook under {@code notebooks/} runs headless ({@code jupyter nbconvert --execute}, installed by
 * {@code submit/setup.sh --tests}) on a small fixture store exported as JSON lines, and draws its figures.
 */
class NotebooksTest {
    /** Figures each notebook must draw. */
    static final Map<String, Integer> FIGURES = Map.of("01-pareto-fronts.ipynb", 1, "02-where-the-bits-went.ipynb", 2,
            "03-training-dynamics.ipynb", 2);
    static final Path NOTEBOOKS = Path.of("../notebooks").toAbsolutePath().normalize();

    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void fixtureStore() throws Exception {
        ToySpark.writeToyIdx(tmp.resolve("fm"));
        spark = ToySpark.start("notebooks-test");
        SweepSpec spec = ToySpark.tinySweep(tmp, "nbtest", 2, "4/4/1");
        SweepJob.run(spark, spec, 2);
        long[] rows = TableExport.write(spark, new ResultStore(spark, spec.results()), null, "json",
                tmp.resolve("export").toUri().toString());
        assertEquals(2, rows[ResultTables.ALL.indexOf(ResultTables.TRIALS)]);
        assertEquals(2 * 2 * 22, rows[ResultTables.ALL.indexOf(ResultTables.LAYER_EPOCHS)], "22 layers, 2 epochs");
        try (var files = Files.walk(tmp.resolve("export"))) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".crc")).toList(),
                    "no Hadoop checksum files in a local export");
        }
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void everyNotebookRunsHeadlessAndDrawsItsFigures() throws Exception {
        List<Path> notebooks;
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
        }
        assertEquals(FIGURES.keySet(), notebooks.stream().map(p -> p.getFileName().toString())
                .collect(java.util.stream.Collectors.toSet()), "a figure count for every notebook");
        for (Path nb : notebooks) {
            Path outDir = Files.createDirectories(tmp.resolve("executed"));
            ProcessBuilder pb = new ProcessBuilder("jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "--ExecutePreprocessor.timeout=300", "--output-dir", outDir.toString(), nb.toString())
                    .directory(NOTEBOOKS.toFile()).redirectErrorStream(true);
            pb.environment().put("ABASNN_EXPORT", tmp.resolve("export").toString());
            pb.environment().put("ABASNN_SWEEP", "nbtest");
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(400, TimeUnit.SECONDS), nb + " did not finish");
            assertEquals(0, p.exitValue(), nb + " failed:\n" + log);
            String executed = Files.readString(outDir.resolve(nb.getFileName()));
            int figures = executed.split("\"image/png\"", -1).length - 1;
            assertEquals((int) FIGURES.get(nb.getFileName().toString()), figures, nb + ": figures drawn");
        }
    }
}
