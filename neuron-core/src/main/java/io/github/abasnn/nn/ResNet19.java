package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;

/**
 * ResNet-19 as used for CIFAR and event data in the SNN literature (tdBN, TET): a 3x3 stem of width {@code w}
 * (128 in those papers), stages of [3, 3, 2] basic blocks of widths {@code w, 2w, 4w} with stride 2 into the last
 * two, global average pooling, a quantized dense layer of 256 and the quantized classifier.
 */
public final class ResNet19 {
    private ResNet19() {}

    public static ComputationGraphConfiguration build(int width, int channels, int height, int widthPx, int classes,
                                                      NetworkOptions o, long seed) {
        GraphParts.requireSize("ResNet-19", width, classes);
        ComputationGraphConfiguration.GraphBuilder g =
                GraphParts.start(o, seed, GraphParts.imageInput(o, channels, height, widthPx));
        String in = GraphParts.convBnRelu(g, o, "stem", GraphParts.input(g, o), width, 3, 1, true);
        int[] blocks = {3, 3, 2};
        int inWidth = width;
        for (int stage = 0; stage < 3; stage++) {
            int w = width << stage;
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                in = GraphParts.basicBlock(g, o, "s" + (stage + 1) + "b" + (block + 1), in, inWidth, w, stride, false);
                inWidth = w;
            }
        }
        g.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), in);
        g.addLayer("fc1", o.apply(new QuantDense.Builder()).nOut(256).hasBias(true).build(), "pool");
        g.addLayer("fc1_relu", new org.deeplearning4j.nn.conf.layers.ActivationLayer.Builder()
                .activation(new FusedRelu()).build(), "fc1");
        g.addLayer("fc", o.apply(new QuantDense.Builder()).nOut(classes).hasBias(true).build(), "fc1_relu");
        GraphParts.loss(g, o, "fc");
        return g.build();
    }
}
