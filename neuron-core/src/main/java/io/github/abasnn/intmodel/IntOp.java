package io.github.abasnn.intmodel;

import java.util.List;

/**
 * One step of an integer model, reading named tensors and writing the tensor of its own name. Every tensor is
 * {@code [height, width, channels]} (channels last) in the activation format; a dense layer's is {@code 1 x 1 x n}.
 */
public sealed interface IntOp {
    String name();

    List<String> inputs();

    /**
     * A quantized convolution with its neuron in front: the neuron fires {@code T} integer spike maps, each is
     * convolved with the integer weight levels (int8 x int8 into int32), and the requantizer folds the weight
     * step, the spike thresholds, {@code 1/T} and the following batch norm into one integer rescale.
     *
     * @param levels weight levels {@code [out][in][k][k]}
     */
    record SpikingConv(String name, String input, int inChannels, int outChannels, int kernel, int stride,
                       int padding, int weightBits, byte[] levels, IntNeuron neuron, Requant requant) implements IntOp {
        public SpikingConv {
            if ((long) inChannels * outChannels * kernel * kernel != levels.length) {
                throw new IllegalArgumentException(name + ": " + levels.length + " weight levels for " + outChannels
                        + "x" + inChannels + "x" + kernel + "x" + kernel);
            }
            if (requant.channels() != outChannels || requant.steps() != neuron.timeSteps()) {
                throw new IllegalArgumentException(name + ": requantizer does not match " + outChannels
                        + " channels and " + neuron.timeSteps() + " steps");
            }
        }

        public List<String> inputs() { return List.of(input); }

        public int outSize(int in) { return (in + 2 * padding - kernel) / stride + 1; }
    }

    /**
     * A quantized dense layer with its neuron in front, as {@link SpikingConv}.
     *
     * @param levels weight levels {@code [in][out]}
     */
    record SpikingDense(String name, String input, int inFeatures, int outFeatures, int weightBits, byte[] levels,
                        IntNeuron neuron, Requant requant) implements IntOp {
        public SpikingDense {
            if ((long) inFeatures * outFeatures != levels.length) {
                throw new IllegalArgumentException(name + ": " + levels.length + " weight levels for " + inFeatures
                        + "x" + outFeatures);
            }
            if (requant.channels() != outFeatures || requant.steps() != neuron.timeSteps()) {
                throw new IllegalArgumentException(name + ": requantizer does not match " + outFeatures
                        + " outputs and " + neuron.timeSteps() + " steps");
            }
        }

        public List<String> inputs() { return List.of(input); }
    }

    record Relu(String name, String input) implements IntOp {
        public List<String> inputs() { return List.of(input); }
    }

    record Add(String name, String left, String right) implements IntOp {
        public List<String> inputs() { return List.of(left, right); }
    }

    /** Mean over height and width, rounded half away from zero. */
    record GlobalAvgPool(String name, String input) implements IntOp {
        public List<String> inputs() { return List.of(input); }
    }

    /** Max pooling; padded positions never win. */
    record MaxPool(String name, String input, int kernel, int stride, int padding) implements IntOp {
        public List<String> inputs() { return List.of(input); }

        public int outSize(int in) { return (in + 2 * padding - kernel) / stride + 1; }
    }
}
