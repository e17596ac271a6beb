package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * SEW-ResNet-18 / -34 for ImageNet-style input (method.md §6): a 7x7 stride-2 stem of 64, max-pool 3/2, stages of
 * [2,2,2,2] or [3,4,6,3] basic blocks of widths 64, 128, 256, 512 (scaled by {@code width / 64}), the SEW "ADD"
 * connection, global average pooling and the quantized classifier. With the neuron in front of each conv, SEW's
 * spike-level add becomes an add of the two branches' non-negative activations, which the next neurons quantize.
 */
public final class SewResNet {
    private SewResNet() {}

    public static ComputationGraphConfiguration build(int depth, int width, int channels, int height, int widthPx,
                                                      int classes, NetworkOptions o, long seed) {
        int[] blocks = switch (depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34 -> new int[] {3, 4, 6, 3};
            default -> throw new IllegalArgumentException("SEW-ResNet depth must be 18 or 34, got " + depth);
        };
        GraphParts.requireSize("SEW-ResNet-" + depth, width, classes);
        ComputationGraphConfiguration.GraphBuilder g =
                GraphParts.start(o, seed, GraphParts.imageInput(o, channels, height, widthPx));
        String in = GraphParts.convBnRelu(g, o, "stem", GraphParts.input(g, o), width, 7, 2, true);
        g.addLayer("stem_pool", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                .kernelSize(3, 3).stride(2, 2).padding(1, 1).build(), in);
        in = "stem_pool";
        int inWidth = width;
        for (int stage = 0; stage < 4; stage++) {
            int w = width << stage;
            for (int block = 0; block < blocks[stage]; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                in = GraphParts.basicBlock(g, o, "s" + (stage + 1) + "b" + (block + 1), in, inWidth, w, stride, true);
                inWidth = w;
            }
        }
        GraphParts.head(g, o, in, classes);
        return g.build();
    }
}
