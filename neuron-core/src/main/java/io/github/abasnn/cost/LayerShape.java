package io.github.abasnn.cost;

/**
 * The geometry of one quantized layer, per sample: enough to count its weights, its input feature map and its
 * multiply-accumulates (method.md §5). Conv MACs are {@code ceil((H + 2p - (k-1))/s) * ceil((W + 2p - (k-1))/s)
 * * k^2 * C_in * C_out}; dense MACs are {@code C_in * C_out}.
 */
public record LayerShape(LayerKind kind, int inChannels, int outChannels, int kernel, int stride, int padding,
                         int inHeight, int inWidth) {

    public LayerShape {
        require(inChannels >= 1, "inChannels", inChannels);
        require(outChannels >= 1, "outChannels", outChannels);
        if (kind == LayerKind.CONV) {
            require(kernel >= 1, "kernel", kernel);
            require(stride >= 1, "stride", stride);
            require(padding >= 0, "padding", padding);
            require(inHeight >= 1, "inHeight", inHeight);
            require(inWidth >= 1, "inWidth", inWidth);
            require(inHeight + 2 * padding >= kernel, "inHeight + 2*padding (must cover the kernel)", inHeight + 2 * padding);
            require(inWidth + 2 * padding >= kernel, "inWidth + 2*padding (must cover the kernel)", inWidth + 2 * padding);
        }
    }

    /** A square-input convolution. */
    public static LayerShape conv(int inChannels, int outChannels, int kernel, int stride, int padding, int inSize) {
        return new LayerShape(LayerKind.CONV, inChannels, outChannels, kernel, stride, padding, inSize, inSize);
    }

    /** A fully connected layer. */
    public static LayerShape dense(int inFeatures, int outFeatures) {
        return new LayerShape(LayerKind.DENSE, inFeatures, outFeatures, 1, 1, 0, 1, 1);
    }

    public int outHeight() {
        return kind == LayerKind.CONV ? ceilDiv(inHeight + 2 * padding - (kernel - 1), stride) : 1;
    }

    public int outWidth() {
        return kind == LayerKind.CONV ? ceilDiv(inWidth + 2 * padding - (kernel - 1), stride) : 1;
    }

    /** Multiply-accumulates per sample per time step. */
    public long macs() {
        long perOutput = (long) kernel * kernel * inChannels * outChannels;
        return kind == LayerKind.CONV ? (long) outHeight() * outWidth() * perOutput : (long) inChannels * outChannels;
    }

    /** Number of weights {@code Nw}. */
    public long weightCount() {
        return kind == LayerKind.CONV ? (long) kernel * kernel * inChannels * outChannels : (long) inChannels * outChannels;
    }

    /** Elements of the input feature map per sample ({@code Nf} without the batch, which cancels in averages). */
    public long inputElements() {
        return kind == LayerKind.CONV ? (long) inChannels * inHeight * inWidth : inChannels;
    }

    private static int ceilDiv(int a, int b) {
        return -Math.floorDiv(-a, b);
    }

    private static void require(boolean ok, String name, int value) {
        if (!ok) {
            throw new IllegalArgumentException("layer shape: " + name + " = " + value + " is not allowed");
        }
    }
}
