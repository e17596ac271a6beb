package io.github.abasnn.ml;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamPair;
import org.apache.spark.ml.param.Params;

/**
 * The columns the estimator and its model read and write, declared once for both (as MLlib's {@code HasFeaturesCol}
 * and friends are): the image column and its shape, the label, the prediction and the class probabilities. Each
 * stage makes its own set, owned by its uid, and sets {@link #defaults()}.
 */
public final class ImageColumnParams implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Param<String> featuresCol;
    private final Param<String> labelCol;
    private final Param<String> predictionCol;
    private final Param<String> probabilityCol;
    private final Param<String> imageShape;

    private ImageColumnParams(Params owner) {
        featuresCol = new Param<>(owner, "featuresCol", "image column: the image data source's struct,"
                + " channel-major binary, or an ML vector of C*H*W values in 0..255");
        labelCol = new Param<>(owner, "labelCol", "label column, a class index (the model scores without it)");
        predictionCol = new Param<>(owner, "predictionCol", "prediction column name");
        probabilityCol = new Param<>(owner, "probabilityCol", "probability column name");
        imageShape = new Param<>(owner, "imageShape", "C x H x W of binary or vector images, e.g. 1x28x28"
                + " (image-data-source structs carry their own)");
    }

    /** The column params of {@code owner}. */
    static ImageColumnParams of(Params owner) {
        return new ImageColumnParams(owner);
    }

    /** Their defaults, for the owner's {@code setDefault}. */
    List<ParamPair<String>> defaults() {
        return List.of(new ParamPair<>(featuresCol, "image"), new ParamPair<>(labelCol, "label"),
                new ParamPair<>(predictionCol, "prediction"), new ParamPair<>(probabilityCol, "probability"),
                new ParamPair<>(imageShape, ""));
    }

    Param<String> featuresCol() { return featuresCol; }
    Param<String> labelCol() { return labelCol; }
    Param<String> predictionCol() { return predictionCol; }
    Param<String> probabilityCol() { return probabilityCol; }
    Param<String> imageShape() { return imageShape; }
}
