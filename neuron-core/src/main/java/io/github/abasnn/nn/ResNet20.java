package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

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
        GraphParts.requireSize("ResNet-20", width, classes);
        ComputationGraphConfiguration.GraphBuilder g =
                GraphParts.start(o, seed, GraphParts.imageInput(o, channels, height, widthPx));
        String in = GraphParts.convBnRelu(g, o, "stem", GraphParts.input(g, o), width, 3, 1, true);
        int[] widths = {width, 2 * width, 4 * width};
        int inWidth = width;
        for (int stage = 0; stage < 3; stage++) {
            for (int block = 0; block < 3; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                in = GraphParts.basicBlock(g, o, "s" + (stage + 1) + "b" + (block + 1), in, inWidth, widths[stage],
                        stride, false);
                inWidth = widths[stage];
            }
        }
        GraphParts.head(g, o, in, classes);
        return g.build();
    }
}
