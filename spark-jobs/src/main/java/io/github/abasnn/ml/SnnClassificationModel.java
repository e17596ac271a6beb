package io.github.abasnn.ml;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.Model;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.DefaultParamsReader;
import org.apache.spark.ml.util.DefaultParamsReader$;
import org.apache.spark.ml.util.DefaultParamsWriter$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.ml.util.MLWritable;
import org.apache.spark.ml.util.MLWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Option;

/**
 * A trained spiking network as a Spark ML {@code Model}: {@link #transform} adds a {@code prediction} (double class
 * index) and a {@code probability} (ML vector) column, scoring on the executors {@code scoreBatch} rows at a time
 * with the network broadcast once. Saved as MLlib's params metadata plus a one-row Parquet file with the network
 * and its input standardisation, so {@code PipelineModel.save/load} round-trips it on any Hadoop file system.
 */
public final class SnnClassificationModel extends Model<SnnClassificationModel>
        implements MLWritable, HasImageColumns {
    private static final long serialVersionUID = 1L;
    private final String uid;
    private final SnnNetwork network;
    private final Map<String, String> summary;

    private final ImageColumnParams columns;
    private final IntParam scoreBatch;

    SnnClassificationModel(String uid, SnnNetwork network, Map<String, String> summary) {
        this.uid = uid;
        columns = ImageColumnParams.of(this);
        scoreBatch = new IntParam(this, "scoreBatch", "rows scored per network call",
                ParamValidators.gtEq(1));
        this.network = network;
        this.summary = Map.copyOf(summary);
        columns.defaults().forEach(p -> setDefault(p.param(), p.value()));
        setDefault(scoreBatch, 64);
    }

    @Override
    public ImageColumnParams imageColumns() {
        return columns;
    }

    // MLlib finds params through public no-argument methods returning a Param
    public IntParam scoreBatch() { return scoreBatch; }

    @Override
    public String uid() {
        return uid;
    }

    /** What training reported: validation accuracy, bit budget, learned W/S/T, energy, the training configuration (JSON). */
    public Map<String, String> summary() {
        return new TreeMap<>(summary);
    }

    /** Input shape {C, H, W}. */
    public int[] inputShape() {
        return new int[] {network.channels(), network.height(), network.width()};
    }

    public int numClasses() {
        return network.classes();
    }

    public SnnClassificationModel setFeaturesCol(String v) { return (SnnClassificationModel) set(featuresCol(), v); }
    public SnnClassificationModel setPredictionCol(String v) { return (SnnClassificationModel) set(predictionCol(), v); }
    public SnnClassificationModel setScoreBatch(int v) { return (SnnClassificationModel) set(scoreBatch, v); }

    /** A model for a trained network outside a {@code fit} (a sweep trial's kept network, say). */
    public static SnnClassificationModel of(org.deeplearning4j.nn.graph.ComputationGraph graph, float[] mean,
                                            float[] std, int channels, int height, int width, int classes,
                                            Map<String, String> summary) {
        return new SnnClassificationModel(org.apache.spark.ml.util.Identifiable$.MODULE$.randomUID("snnModel"),
                SnnNetwork.of(graph, mean, std, channels, height, width, classes), summary);
    }

    /**
     * The network of a run directory's checkpoint ({@code train --out}, or a sweep trial's kept network), normalised
     * with its dataset's statistics ({@code dataDir}: that dataset's directory; null: the run's own).
     */
    public static SnnClassificationModel fromRun(java.nio.file.Path runDir, java.nio.file.Path dataDir)
            throws java.io.IOException {
        io.github.abasnn.intmodel.RunExport run = io.github.abasnn.intmodel.RunExport.load(runDir, dataDir);
        SnnClassificationModel m = of(run.graph(), run.mean(), run.std(), run.mean().length, run.height(),
                run.width(), 10, Map.of("source", runDir.toString()));
        m.set(m.imageShape(), run.mean().length + "x" + run.height() + "x" + run.width());
        return m;
    }

    static StructType outputSchema(StructType schema, String features, String label, String prediction,
                                   String probability, boolean needLabel) {
        List<String> names = Arrays.asList(schema.fieldNames());
        if (!names.contains(features)) {
            throw new IllegalArgumentException("image column '" + features + "' is not in the DataFrame (columns: "
                    + String.join(", ", names) + ")");
        }
        if (needLabel && !names.contains(label)) {
            throw new IllegalArgumentException("label column '" + label + "' is not in the DataFrame");
        }
        if (needLabel && !(schema.apply(label).dataType() instanceof org.apache.spark.sql.types.NumericType)) {
            throw new IllegalArgumentException("label column '" + label + "' has type "
                    + schema.apply(label).dataType().simpleString() + "; expected a number (class index)");
        }
        for (String out : List.of(prediction, probability)) {
            if (names.contains(out)) {
                throw new IllegalArgumentException("output column '" + out + "' already exists");
            }
        }
        return schema.add(prediction, DataTypes.DoubleType, false).add(probability, SQLDataTypes.VectorType(), false);
    }

    @Override
    public StructType transformSchema(StructType schema) {
        return outputSchema(schema, getOrDefault(featuresCol()), getOrDefault(labelCol()), getOrDefault(predictionCol()),
                getOrDefault(probabilityCol()), false);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        StructType out = transformSchema(dataset.schema(), true);
        Dataset<Row> df = dataset.toDF();
        int[] shape = inputShape();
        String s = getOrDefault(imageShape());
        if (!s.isBlank() && !Arrays.equals(SnnClassifier.parseShape(s), shape)) {
            throw new IllegalArgumentException("imageShape " + s + " differs from the model's input " + shape[0] + "x"
                    + shape[1] + "x" + shape[2]);
        }
        ImageColumn images = ImageColumn.of(df.schema(), getOrDefault(featuresCol()), shape[0], shape[1], shape[2]);
        int index = df.schema().fieldIndex(getOrDefault(featuresCol()));
        int batch = (Integer) getOrDefault(scoreBatch);
        SparkSession spark = df.sparkSession();
        Broadcast<SnnNetwork> net = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
                .broadcast(network);
        return df.mapPartitions((MapPartitionsFunction<Row, Row>) rows -> score(rows, net.value(), images, index,
                batch), Encoders.row(out));
    }

    private static Iterator<Row> score(Iterator<Row> rows, SnnNetwork net, ImageColumn images, int index,
                                       int batch) {
        return new Iterator<>() {
            private final List<Row> pending = new ArrayList<>();
            private int at;

            @Override
            public boolean hasNext() {
                if (at < pending.size()) {
                    return true;
                }
                pending.clear();
                at = 0;
                List<Row> in = new ArrayList<>(batch);
                while (in.size() < batch && rows.hasNext()) {
                    in.add(rows.next());
                }
                if (in.isEmpty()) {
                    return false;
                }
                int per = net.channels() * net.height() * net.width();
                byte[] pixels = new byte[in.size() * per];
                for (int i = 0; i < in.size(); i++) {
                    System.arraycopy(images.pixels(in.get(i), index), 0, pixels, i * per, per);
                }
                double[][] p = net.probabilities(pixels, in.size());
                for (int i = 0; i < in.size(); i++) {
                    Row r = in.get(i);
                    Object[] v = new Object[r.size() + 2];
                    for (int k = 0; k < r.size(); k++) {
                        v[k] = r.get(k);
                    }
                    v[r.size()] = (double) argmax(p[i]);
                    v[r.size() + 1] = Vectors.dense(p[i]);
                    pending.add(RowFactory.create(v));
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return pending.get(at++);
            }
        };
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    @Override
    public SnnClassificationModel copy(ParamMap extra) {
        return copyValues(new SnnClassificationModel(uid, network, summary), extra).setParent(parent());
    }

    @Override
    public MLWriter write() {
        return new Writer(this);
    }

    public static MLReader<SnnClassificationModel> read() {
        return new Reader();
    }

    public static SnnClassificationModel load(String path) {
        return read().load(path);
    }

    /** The stored network: one Parquet row under {@code <path>/data}. */
    private static final StructType DATA = new StructType()
            .add("graph", DataTypes.BinaryType, false)
            .add("mean", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("std", DataTypes.createArrayType(DataTypes.FloatType, false), false)
            .add("channels", DataTypes.IntegerType, false)
            .add("height", DataTypes.IntegerType, false)
            .add("width", DataTypes.IntegerType, false)
            .add("classes", DataTypes.IntegerType, false)
            .add("summary", DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), false);

    private static final class Writer extends MLWriter {
        private final SnnClassificationModel model;

        Writer(SnnClassificationModel model) {
            this.model = model;
        }

        @Override
        public void saveImpl(String path) {
            DefaultParamsWriter$.MODULE$.saveMetadata(model, path, sparkSession().sparkContext(), Option.empty(),
                    Option.empty());
            SnnNetwork n = model.network;
            Row row = RowFactory.create(n.graph(), boxed(n.mean()), boxed(n.std()), n.channels(), n.height(),
                    n.width(), n.classes(), scala.collection.JavaConverters.mapAsScalaMap(model.summary)
                            .toMap(scala.Predef.$conforms()));
            sparkSession().createDataFrame(List.of(row), DATA).repartition(1).write().parquet(path + "/data");
        }

        private static Float[] boxed(float[] v) {
            Float[] out = new Float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i];
            }
            return out;
        }
    }

    private static final class Reader extends MLReader<SnnClassificationModel> {
        @Override
        public SnnClassificationModel load(String path) {
            DefaultParamsReader.Metadata meta = DefaultParamsReader$.MODULE$.loadMetadata(path,
                    sparkSession().sparkContext(), SnnClassificationModel.class.getName());
            List<Row> rows = sparkSession().read().schema(DATA).parquet(path + "/data").collectAsList();
            if (rows.size() != 1) {
                throw new IllegalArgumentException(path + "/data holds " + rows.size() + " networks; expected one");
            }
            Row r = rows.get(0);
            List<Float> mean = r.getList(1);
            List<Float> std = r.getList(2);
            float[] m = new float[mean.size()];
            float[] s = new float[std.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = mean.get(i);
                s[i] = std.get(i);
            }
            SnnNetwork net = SnnNetwork.of(restore(r.getAs(0), path), m, s, r.getInt(3), r.getInt(4), r.getInt(5),
                    r.getInt(6));
            Map<String, String> summary = r.getJavaMap(7);
            SnnClassificationModel model = new SnnClassificationModel(meta.uid(), net, summary);
            meta.getAndSetParams(model, Option.empty());
            return model;
        }

        private static org.deeplearning4j.nn.graph.ComputationGraph restore(byte[] bytes, String path) {
            try {
                return org.deeplearning4j.util.ModelSerializer.restoreComputationGraph(
                        new java.io.ByteArrayInputStream(bytes), false);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(path + "/data does not hold a readable network: " + e.getMessage(),
                        e);
            }
        }
    }
}
