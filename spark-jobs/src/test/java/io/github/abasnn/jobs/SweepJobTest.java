package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.results.ResultStore;
import io.github.abasnn.sweep.SweepSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small sweep in local[2]: every trial is a task, all three tables are written, a re-run adds nothing. */
public class SweepJobTest {
    @TempDir
    static Path tmp;
    static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        writeToyIdx(tmp.resolve("fm"));
        spark = SparkSession.builder().master("local[2]").appName("sweep-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    public static void writeToyIdx(Path dir) throws Exception {
        Files.createDirectories(dir);
        Random rng = new Random(3);
        for (String split : new String[] {"train", "t10k"}) {
            int n = split.equals("train") ? 64 : 32;
            ByteArrayOutputStream img = new ByteArrayOutputStream();
            DataOutputStream i = new DataOutputStream(img);
            i.writeInt(0x803);
            i.writeInt(n);
            i.writeInt(8);
            i.writeInt(8);
            ByteArrayOutputStream lab = new ByteArrayOutputStream();
            DataOutputStream l = new DataOutputStream(lab);
            l.writeInt(0x801);
            l.writeInt(n);
            for (int k = 0; k < n; k++) {
                int y = k % 4;
                l.writeByte(y);
                for (int p = 0; p < 64; p++) {
                    i.writeByte((p / 16 == y ? 200 : 20) + rng.nextInt(30));
                }
            }
            for (String[] f : new String[][] {{"-images-idx3-ubyte.gz", "i"}, {"-labels-idx1-ubyte.gz", "l"}}) {
                try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(dir.resolve(split + f[0])))) {
                    out.write(f[1].equals("i") ? img.toByteArray() : lab.toByteArray());
                }
            }
        }
    }

    @Test
    void sweepWritesAllTablesOnceAndQueriesWithSql() throws Exception {
        Path results = tmp.resolve("results");
        Path file = Files.writeString(tmp.resolve("s.conf"), """
                sweep {
                  name = tiny
                  results = "%s"
                  base { network = resnet20, width = 2, dataset = fashion-mnist, data-dir = "%s", epochs = 1,
                         batch = 32, penalty-scale = 20 }
                  axes { target = ["2/2/1"] }
                  trials = [ { uniform = true } ]
                }
                """.formatted(results.toUri(), tmp.resolve("fm")));
        SweepSpec spec = SweepSpec.load(file);
        SweepJob.Outcome first = SweepJob.run(spark, spec, 2);
        assertEquals(new SweepJob.Outcome(2, 0, 2, 0, 0), first);

        ResultStore store = new ResultStore(spark, spec.results());
        store.registerViews();
        List<Row> trials = spark.sql("SELECT trial_id, uniform, bit_budget, status FROM trials WHERE sweep = 'tiny'"
                + " ORDER BY uniform").collectAsList();
        assertEquals(2, trials.size());
        assertTrue(!trials.get(0).getBoolean(1) && trials.get(1).getBoolean(1), "one learned, one uniform trial");
        assertEquals(32.0, trials.get(1).getDouble(2), 1e-9, "the uniform 4/4/2 baseline's bit budget");
        assertTrue(trials.stream().allMatch(r -> "ok".equals(r.getString(3))));
        assertEquals(2L, spark.sql("SELECT count(*) FROM epochs").first().getLong(0));
        assertEquals(44L, spark.sql("SELECT count(*) FROM layers").first().getLong(0), "22 quantized layers each");

        List<Row> report = Main.Report.print(spark, store, "tiny", "bit_budget");
        assertEquals(2, report.size());
        Path png = tmp.resolve("front.png");
        Main.Report.plot(report, "bit_budget", png);
        Main.Report.writeCsv(report, tmp.resolve("front.csv"));
        assertTrue(Files.size(png) > 1000 && Files.readString(tmp.resolve("front.csv")).lines().count() == 3);

        SweepJob.Outcome again = SweepJob.run(spark, spec, 2);
        assertEquals(new SweepJob.Outcome(2, 2, 0, 0, 0), again);
        store.registerViews();
        assertEquals(2L, spark.sql("SELECT count(*) FROM trials").first().getLong(0), "a re-run adds no rows");
    }
}
