package io.github.abasnn.ml;

import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.ImageSet;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A dataset's test split as the DataFrame the model stages score: {@code (row_id, label, image)} with channel-major
 * binary pixels, in the dataset's order, spread over the session's default parallelism.
 *
 * @param frame   the rows
 * @param name    the dataset's name, as the {@code predictions} table records it
 * @param classes number of classes
 */
public record TestImages(Dataset<Row> frame, String name, int classes) {

    /** The first {@code limit} test images (0: all) of {@code dataset} in {@code dataDir} (null: its default). */
    public static TestImages load(SparkSession spark, String dataset, Path dataDir, int limit) throws IOException {
        ImageSet test = Datasets.test(dataset, dataDir != null ? dataDir : Datasets.defaultDir(dataset)).head(limit);
        return new TestImages(frame(spark, test), test.name(), test.classes());
    }

    static Dataset<Row> frame(SparkSession spark, ImageSet set) {
        StructType schema = new StructType().add("row_id", DataTypes.LongType, false)
                .add("label", DataTypes.DoubleType, false).add("image", DataTypes.BinaryType, false);
        int per = set.pixelsPerImage();
        List<Row> rows = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            rows.add(RowFactory.create((long) i, (double) set.labels()[i],
                    java.util.Arrays.copyOfRange(set.pixels(), i * per, (i + 1) * per)));
        }
        int partitions = Math.max(1, spark.sparkContext().defaultParallelism());
        return spark.createDataFrame(rows, schema).repartition(partitions);
    }
}
