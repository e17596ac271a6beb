package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * VGG-SNN for event frames (as in TET, Deng et al. 2022): {@code w C3 - 2w C3 - AP2 - 4w C3 - 4w C3 - AP2 -
 * 8w C3 - 8w C3 - AP2 - 8w C3 - 8w C3 - AP2 - FC} with {@code w = 64} in the paper, conv + BN + ReLU throughout,
 * on T frames folded into the batch; the classifier's outputs are averaged over time.
 */
public final class VggSnn {
    private VggSnn() {}

    public static ComputationGraphConfiguration build(int width, int channels, int height, int widthPx, int classes,
                                                      NetworkOptions o, long seed) {
        GraphParts.requireSize("VGG-SNN", width, classes);
        if (height < 16 || widthPx < 16) {
            throw new IllegalArgumentException("VGG-SNN pools four times: input must be at least 16x16, got "
                    + height + "x" + widthPx);
        }
        ComputationGraphConfiguration.GraphBuilder g =
                GraphParts.start(o, seed, GraphParts.imageInput(o, channels, height, widthPx));
        String in = GraphParts.input(g, o);
        int[][] plan = {{1, 2}, {4, 4}, {8, 8}, {8, 8}};
        boolean first = true;
        for (int block = 0; block < plan.length; block++) {
            for (int c = 0; c < plan[block].length; c++) {
                in = GraphParts.convBnRelu(g, o, "b" + (block + 1) + "c" + (c + 1), in, width * plan[block][c], 3, 1,
                        first);
                first = false;
            }
            String pool = "b" + (block + 1) + "_pool";
            g.addLayer(pool, new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.AVG).kernelSize(2, 2)
                    .stride(2, 2).build(), in);
            in = pool;
        }
        g.addLayer("fc", o.apply(new QuantDense.Builder()).nOut(classes).hasBias(true).build(), in);
        GraphParts.loss(g, o, "fc");
        return g.build();
    }
}
