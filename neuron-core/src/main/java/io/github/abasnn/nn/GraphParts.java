package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Building blocks shared by the network builders: quantized conv + BN (+ ReLU), residual blocks, heads. */
final class GraphParts {
    private GraphParts() {}

    static ComputationGraphConfiguration.GraphBuilder start(NetworkOptions o, long seed, InputType input) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(o.weightUpdater())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(input);
    }

    /** Quantized conv (its neuron in front) then batch norm. */
    static String convBn(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String name, String in,
                         int out, int kernel, int stride, boolean first) {
        QuantConv2D.Builder conv = o.apply(new QuantConv2D.Builder())
                .kernel(kernel).stride(stride).padding(kernel / 2).first(first);
        g.addLayer(name, conv.nOut(out).build(), in);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        return name + "_bn";
    }

    static String relu(ComputationGraphConfiguration.GraphBuilder g, String name, String in) {
        g.addLayer(name, new ActivationLayer.Builder().activation(new FusedRelu()).build(), in);
        return name;
    }

    static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String name, String in,
                             int out, int kernel, int stride, boolean first) {
        return relu(g, name + "_relu", convBn(g, o, name, in, out, kernel, stride, first));
    }

    /**
     * A basic residual block. {@code sew}: SEW-ResNet's ADD connection — the block's (post-ReLU) output is added to
     * the shortcut with no ReLU after the sum; otherwise ReLU after the add (method.md §6).
     */
    static String basicBlock(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String name, String in,
                             int inWidth, int outWidth, int stride, boolean sew) {
        String a = convBnRelu(g, o, name + "_c1", in, outWidth, 3, stride, false);
        String b = convBn(g, o, name + "_c2", a, outWidth, 3, 1, false);
        if (sew) {
            b = relu(g, name + "_c2_relu", b);
        }
        String shortcut = in;
        if (stride != 1 || inWidth != outWidth) {
            shortcut = convBn(g, o, name + "_down", in, outWidth, 1, stride, false);
            if (sew) {
                shortcut = relu(g, name + "_down_relu", shortcut);
            }
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, shortcut);
        return sew ? name + "_add" : relu(g, name + "_relu", name + "_add");
    }

    /** Global average pooling, a quantized dense classifier with bias, softmax cross-entropy. */
    static void head(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String in, int classes) {
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        g.addLayer("fc", o.apply(new QuantDense.Builder()).nOut(classes).hasBias(true).build(), "pool");
        loss(g, o, "fc");
    }

    /** For event input, folds the frames into the batch first; returns the vertex to build on. */
    static String input(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o) {
        if (o.frames() == 0) {
            return "input";
        }
        g.addVertex("fold", new TimeFoldVertex(o.frames()), "input");
        return "fold";
    }

    /** Softmax cross-entropy on the logits (averaged over time first for event input). */
    static void loss(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String logits) {
        String in = logits;
        if (o.frames() > 0) {
            g.addVertex("time_mean", new TimeMeanVertex(o.frames()), logits);
            in = "time_mean";
        }
        g.addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX)
                .build(), in);
        g.setOutputs("loss");
    }

    /** The input type: event input stacks its T frames along the channels ({@code [B, T*C, H, W]}). */
    static InputType imageInput(NetworkOptions o, int channels, int height, int width) {
        return InputType.convolutional(height, width, (long) channels * Math.max(1, o.frames()));
    }

    static void requireSize(String net, int width, int classes) {
        if (width < 1 || classes < 2) {
            throw new IllegalArgumentException(net + " needs width >= 1 and classes >= 2, got width " + width
                    + ", classes " + classes);
        }
    }
}
