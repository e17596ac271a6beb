package io.github.abasnn.data;

/**
 * Labelled images held as bytes, channel-major ({@code [n, C, H, W]}), as every supported static-image format
 * stores them. Pixels stay bytes until a batch is built, a quarter of the memory of floats.
 */
public record ImageSet(String name, byte[] pixels, int[] labels, int channels, int height, int width, int classes) {

    public ImageSet {
        long per = (long) channels * height * width;
        if (per * labels.length != pixels.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels but " + pixels.length
                    + " pixel bytes (expected " + per * labels.length + ")");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of image " + i
                        + " is outside [0, " + classes + ")");
            }
        }
    }

    public int size() {
        return labels.length;
    }

    public int pixelsPerImage() {
        return channels * height * width;
    }

    /** The first {@code n} images (all when {@code n <= 0} or larger than the set). */
    public ImageSet head(int n) {
        if (n <= 0 || n >= size()) {
            return this;
        }
        byte[] p = java.util.Arrays.copyOf(pixels, n * pixelsPerImage());
        return new ImageSet(name, p, java.util.Arrays.copyOf(labels, n), channels, height, width, classes);
    }
}
