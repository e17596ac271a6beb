package io.github.abasnn.ml;

import org.apache.spark.ml.param.Param;

/**
 * A stage with the {@link ImageColumnParams}: MLlib finds params through public no-argument methods that return a
 * {@code Param}, and these are those methods, written once for the estimator and the model.
 */
public interface HasImageColumns {
    /** The stage's own column params. */
    ImageColumnParams imageColumns();

    default Param<String> featuresCol() { return imageColumns().featuresCol(); }
    default Param<String> labelCol() { return imageColumns().labelCol(); }
    default Param<String> predictionCol() { return imageColumns().predictionCol(); }
    default Param<String> probabilityCol() { return imageColumns().probabilityCol(); }
    default Param<String> imageShape() { return imageColumns().imageShape(); }
}
