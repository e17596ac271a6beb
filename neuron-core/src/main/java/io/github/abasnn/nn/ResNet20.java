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

/**
 * ResNet-20 for CIFAR-sized input (method.md §6): a 3x3 stem, 3 stages of 3 basic blocks of widths
 * {@code w, 2w, 4w} (the paper's {@code w = 128}; 16 is the classic CPU size), global average pooling and a dense
 * classifier. BN then ReLU after each conv, ReLU after the residual add, a 1x1 conv + BN to downsample. Every conv
 * and the dense layer is a quantized layer with its neuron in front; the stem is the fixed 8-bit first layer.
 */
public final class ResNet20 {
    private ResNet20() {}

    public static ComputationGraphConfiguration build(int width, int channels, int height, int widthPx, int classes,
                                                      NetworkOptions o, long seed) {
        if (width < 1 || classes < 2) {
            throw new IllegalArgumentException("ResNet-20 needs width >= 1 and classes >= 2, got width " + width
                    + ", classes " + classes);
        }
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .updater(o.weightUpdater())
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.convolutional(height, widthPx, channels));

        String in = convBnRelu(g, o, "stem", "input", width, 3, 1, true);
        int[] widths = {width, 2 * width, 4 * width};
        int inWidth = width;
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                in = basicBlock(g, o, "s" + (stage + 1) + "b" + (block + 1), in, inWidth, widths[stage], stride);
                inWidth = widths[stage];
            }
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        g.addLayer("fc", o.apply(new QuantDense.Builder()).nOut(classes).hasBias(true).build(), "pool");
        g.addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).build(),
                "fc");
        g.setOutputs("loss");
        return g.build();
    }

    private static String basicBlock(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String name,
                                     String in, int inWidth, int outWidth, int stride) {
        String a = convBnRelu(g, o, name + "_c1", in, outWidth, 3, stride, false);
        String b = convBn(g, o, name + "_c2", a, outWidth, 3, 1, false);
        String shortcut = in;
        if (stride != 1 || inWidth != outWidth) {
            shortcut = convBn(g, o, name + "_down", in, outWidth, 1, stride, false);
        }
        g.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), b, shortcut);
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), name + "_add");
        return name + "_relu";
    }

    static String convBn(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String name, String in,
                         int out, int kernel, int stride, boolean first) {
        QuantConv2D.Builder conv = o.apply(new QuantConv2D.Builder())
                .kernel(kernel).stride(stride).padding(kernel / 2).first(first);
        g.addLayer(name, conv.nOut(out).build(), in);
        g.addLayer(name + "_bn", new BatchNormalization.Builder().build(), name);
        return name + "_bn";
    }

    static String convBnRelu(ComputationGraphConfiguration.GraphBuilder g, NetworkOptions o, String name, String in,
                             int out, int kernel, int stride, boolean first) {
        String bn = convBn(g, o, name, in, out, kernel, stride, first);
        g.addLayer(name + "_relu", new ActivationLayer.Builder().activation(Activation.RELU).build(), bn);
        return name + "_relu";
    }
}
