package io.github.abasnn.jobs;

import io.github.abasnn.data.IdxFiles;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;

/** What the Spark job tests share: a local[2] session and a tiny learnable Fashion-MNIST-shaped dataset. */
public final class ToySpark {
    private ToySpark() {}

    /** A local[2] session without UI, two shuffle partitions. */
    public static SparkSession start(String app) {
        return SparkSession.builder().master("local[2]").appName(app)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    /** 64 training and 32 test 8x8 images in gzipped IDX, four classes (neuron-core's toy dataset). */
    public static void writeToyIdx(Path dir) throws IOException {
        IdxFiles.writeToyDataset(dir, 64, 32, 8, 4, 3);
    }
}
