package io.github.abasnn.jobs;

import io.github.abasnn.results.store.DeltaSessions;
import io.github.abasnn.data.IdxFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** What the Spark job tests share: a local[2] session and a tiny learnable Fashion-MNIST-shaped dataset. */
public final class ToySpark {
    private ToySpark() {}

    /** A local[2] session without UI, two shuffle partitions. */
    public static SparkSession start(String app) {
        return DeltaSessions.configure(SparkSession.builder()).master("local[2]").appName(app)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    /**
     * A two-trial sweep file in {@code dir} over the toy data in {@code dir/fm}: learned 2/2/1 and a uniform
     * {@code uniformInit} baseline, ResNet-20 width 2, results in {@code dir/results}.
     */
    public static io.github.abasnn.sweep.SweepSpec tinySweep(Path dir, String name, int epochs, String uniformInit)
            throws IOException {
        Path file = java.nio.file.Files.writeString(dir.resolve(name + ".conf"), """
                sweep {
                  name = %s
                  results = "%s"
                  base { network = resnet20, width = 2, dataset = fashion-mnist, data-dir = "%s", epochs = %d,
                         batch = 32, penalty-scale = 20 }
                  axes { target = ["2/2/1"] }
                  trials = [ { uniform = true, init = "%s" } ]
                }
                """.formatted(name, dir.resolve("results").toUri(), dir.resolve("fm"), epochs, uniformInit));
        return io.github.abasnn.sweep.SweepSpec.load(file);
    }

    /** 64 training and 32 test 8x8 images in gzipped IDX, four classes (neuron-core's toy dataset). */
    public static void writeToyIdx(Path dir) throws IOException {
        IdxFiles.writeToyDataset(dir, 64, 32, 8, 4, 3);
    }
}
