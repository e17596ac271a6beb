package io.github.abasnn.jobs;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;

/** What the Spark job tests share: a local[2] session and a tiny learnable Fashion-MNIST-shaped dataset. */
public final class ToySpark {
    private ToySpark() {}

    /** A local[2] session without UI, two shuffle partitions. */
    public static SparkSession start(String app) {
        return SparkSession.builder().master("local[2]").appName(app)
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
    }

    /** 64 training and 32 test 8x8 images in gzipped IDX, four classes, each a bright quarter of the image. */
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
}
