package io.github.abasnn.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One op of a training step. Ops read and write numbered values (activations and their gradients); value 0 is the
 * network's input. The vocabulary is what the project's network builders use, nothing more: a graph with any other
 * vertex is refused when the plan is derived, naming the vertex.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PlanOp.QuantLinear.class, name = "QuantLinear"),
        @JsonSubTypes.Type(value = PlanOp.BatchNorm.class, name = "BatchNorm"),
        @JsonSubTypes.Type(value = PlanOp.Relu.class, name = "Relu"),
        @JsonSubTypes.Type(value = PlanOp.Add.class, name = "Add"),
        @JsonSubTypes.Type(value = PlanOp.GlobalAvgPool.class, name = "GlobalAvgPool"),
        @JsonSubTypes.Type(value = PlanOp.Pool.class, name = "Pool"),
        @JsonSubTypes.Type(value = PlanOp.Flatten.class, name = "Flatten"),
        @JsonSubTypes.Type(value = PlanOp.TimeFold.class, name = "TimeFold"),
        @JsonSubTypes.Type(value = PlanOp.TimeMean.class, name = "TimeMean"),
        @JsonSubTypes.Type(value = PlanOp.SoftmaxCrossEntropy.class, name = "SoftmaxCrossEntropy")})
public sealed interface PlanOp {

    /** The value this op writes. */
    int output();

    /** The values this op reads. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    int[] inputs();

    /** The graph vertex this op comes from. */
    String name();

    /** How a quantized layer maps its spikes: a 2-d convolution or a dense product. */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
    @JsonSubTypes({@JsonSubTypes.Type(value = PlanOp.Conv.class, name = "Conv"),
            @JsonSubTypes.Type(value = PlanOp.Dense.class, name = "Dense")})
    sealed interface Linear {}

    /** {@code [B, C, H, W] -> [B, out, H', W']}, square kernel, zero padding, weights {@code [out, in, k, k]}. */
    record Conv(int kernel, int stride, int padding, long out) implements Linear {
        public long outSize(long in) {
            return (in + 2L * padding - kernel) / stride + 1;
        }
    }

    /** {@code [B, in] -> [B, out]}, weights {@code [in, out]}. */
    record Dense(long out) implements Linear {}

    /**
     * A quantized layer (method.md §3 and §2): its refined neuron in front, the weight quantizer, then the linear map.
     * Training forwards also clamp and initialise step sizes and renew them when a bit width changes (§1, §4).
     */
    record QuantLinear(String name, int input, int output, Linear linear, QuantLayerSpec layer) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }

    /**
     * Batch normalization in training mode over all axes but the channels (rank 2 input is taken as {@code [B, C, 1,
     * 1]}); the running statistics move toward the batch's by {@code 1 - decay}, as DL4J keeps them: the mean, and
     * the variance or ({@code logStd}, DL4J's default) the log10 of the standard deviation.
     */
    record BatchNorm(String name, int input, int output, double eps, double decay, boolean logStd) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }

    /** The project's ReLU ({@code nn.FusedRelu}). */
    record Relu(String name, int input, int output) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }

    /** The residual sum of two values of the same shape. */
    record Add(String name, int left, int right, int output) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {left, right};
        }
    }

    /** Mean over the spatial axes: {@code [B, C, H, W] -> [B, C]}. */
    record GlobalAvgPool(String name, int input, int output) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }

    /** Average or max pooling over square windows, zero padding (never counted in an average's divisor). */
    record Pool(String name, int input, int output, PoolKind kind, int kernel, int stride, int padding)
            implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }

        public long outSize(long in) {
            return (in + 2L * padding - kernel) / stride + 1;
        }
    }

    /** What a pooling window takes. */
    enum PoolKind { AVG, MAX }

    /** {@code [B, C, H, W] -> [B, C*H*W]} in c order (DL4J's CNN-to-dense preprocessor). */
    record Flatten(String name, int input, int output) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }

    /** Event input: {@code [B, T*C, ...] -> [T*B, C, ...]}, frames time-major in the batch. */
    record TimeFold(String name, int input, int output, int frames) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }

    /** Event output: {@code [T*B, K] -> [B, K]}, the mean over frames. */
    record TimeMean(String name, int input, int output, int frames) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }

    /**
     * Softmax cross-entropy of the logits against one-hot labels: the score is the batch mean of {@code -sum(y log
     * p)} with {@code p} clipped to {@code [clip, 1 - clip]}; the gradient (a batch sum, as DL4J's) is {@code p - y}.
     * Its output is the softmax.
     */
    record SoftmaxCrossEntropy(String name, int input, int output, double clip) implements PlanOp {
        @Override
        public int[] inputs() {
            return new int[] {input};
        }
    }
}
