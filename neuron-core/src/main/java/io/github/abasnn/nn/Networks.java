package io.github.abasnn.nn;

import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;

/** The networks the trainer can build, by name. */
public final class Networks {
    public static final List<String> NAMES = List.of("resnet20", "resnet19", "sew-resnet18", "sew-resnet34", "vgg-snn", "spike-mlp");

    private Networks() {}

    public static ComputationGraphConfiguration build(String name, int width, int channels, int height, int widthPx,
                                                      int classes, NetworkOptions options, long seed) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "resnet20":
                return ResNet20.build(width, channels, height, widthPx, classes, options, seed);
            case "resnet19":
                return ResNet19.build(width, channels, height, widthPx, classes, options, seed);
            case "sew-resnet18":
                return SewResNet.build(18, width, channels, height, widthPx, classes, options, seed);
            case "sew-resnet34":
                return SewResNet.build(34, width, channels, height, widthPx, classes, options, seed);
            case "vgg-snn":
                return VggSnn.build(width, channels, height, widthPx, classes, options, seed);
            case "spike-mlp": // width = hidden units (256 for SHD)
                return SpikeMlp.build(channels * height * widthPx, width, classes, options, seed);
            default:
                throw new IllegalArgumentException("unknown network '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }
}
