package io.github.abasnn.data;

import java.util.Random;

/**
 * AutoAugment's CIFAR-10 policy (Cubuk et al. 2019; the 25 sub-policies and magnitude bins as torchvision's
 * {@code AutoAugmentPolicy.CIFAR10}), on one RGB image of {@code 0..255} values held channel-major. Each call picks a
 * sub-policy uniformly and applies its two operations with their probabilities; geometric operations sample the
 * nearest pixel and fill with black, signed magnitudes take a random sign.
 */
public final class AutoAugment {
    enum Op { SHEAR_X, SHEAR_Y, TRANSLATE_X, TRANSLATE_Y, ROTATE, BRIGHTNESS, COLOR, CONTRAST, SHARPNESS,
        POSTERIZE, SOLARIZE, AUTO_CONTRAST, EQUALIZE, INVERT }

    private record Step(Op op, double p, int bin) {}

    private static final Step[][] CIFAR10 = {
        {s(Op.INVERT, 0.1, 0), s(Op.CONTRAST, 0.2, 6)}, {s(Op.ROTATE, 0.7, 2), s(Op.TRANSLATE_X, 0.3, 9)},
        {s(Op.SHARPNESS, 0.8, 1), s(Op.SHARPNESS, 0.9, 3)}, {s(Op.SHEAR_Y, 0.5, 8), s(Op.TRANSLATE_Y, 0.7, 9)},
        {s(Op.AUTO_CONTRAST, 0.5, 0), s(Op.EQUALIZE, 0.9, 0)}, {s(Op.SHEAR_Y, 0.2, 7), s(Op.POSTERIZE, 0.3, 7)},
        {s(Op.COLOR, 0.4, 3), s(Op.BRIGHTNESS, 0.6, 7)}, {s(Op.SHARPNESS, 0.3, 9), s(Op.BRIGHTNESS, 0.7, 9)},
        {s(Op.EQUALIZE, 0.6, 0), s(Op.EQUALIZE, 0.5, 0)}, {s(Op.CONTRAST, 0.6, 7), s(Op.SHARPNESS, 0.6, 5)},
        {s(Op.COLOR, 0.7, 7), s(Op.TRANSLATE_X, 0.5, 8)}, {s(Op.EQUALIZE, 0.3, 0), s(Op.AUTO_CONTRAST, 0.4, 0)},
        {s(Op.TRANSLATE_Y, 0.4, 3), s(Op.SHARPNESS, 0.2, 6)}, {s(Op.BRIGHTNESS, 0.9, 6), s(Op.COLOR, 0.2, 8)},
        {s(Op.SOLARIZE, 0.5, 2), s(Op.INVERT, 0.0, 0)}, {s(Op.EQUALIZE, 0.2, 0), s(Op.AUTO_CONTRAST, 0.6, 0)},
        {s(Op.EQUALIZE, 0.2, 0), s(Op.EQUALIZE, 0.6, 0)}, {s(Op.COLOR, 0.9, 9), s(Op.EQUALIZE, 0.6, 0)},
        {s(Op.AUTO_CONTRAST, 0.8, 0), s(Op.SOLARIZE, 0.2, 8)}, {s(Op.BRIGHTNESS, 0.1, 3), s(Op.COLOR, 0.7, 0)},
        {s(Op.SOLARIZE, 0.4, 5), s(Op.AUTO_CONTRAST, 0.9, 0)}, {s(Op.TRANSLATE_Y, 0.9, 9), s(Op.TRANSLATE_Y, 0.7, 9)},
        {s(Op.AUTO_CONTRAST, 0.9, 0), s(Op.SOLARIZE, 0.8, 3)}, {s(Op.EQUALIZE, 0.8, 0), s(Op.INVERT, 0.1, 0)},
        {s(Op.TRANSLATE_Y, 0.7, 9), s(Op.AUTO_CONTRAST, 0.9, 0)},
    };

    private AutoAugment() {}

    private static Step s(Op op, double p, int bin) {
        return new Step(op, p, bin);
    }

    /** Applies a random CIFAR-10 sub-policy to {@code img} ({@code 3*h*w} values in 0..255) in place. */
    public static void cifar10(float[] img, int off, int h, int w, Random rng) {
        Step[] policy = CIFAR10[rng.nextInt(CIFAR10.length)];
        for (Step step : policy) {
            if (rng.nextDouble() < step.p()) {
                apply(step.op(), step.bin(), img, off, h, w, rng);
            }
        }
    }

    static void apply(Op op, int bin, float[] img, int off, int h, int w, Random rng) {
        double sign = rng.nextBoolean() ? 1 : -1;
        switch (op) {
            case SHEAR_X -> geometric(img, off, h, w, 1, sign * 0.3 * bin / 9, 0, 0, 1, 0);
            case SHEAR_Y -> geometric(img, off, h, w, 1, 0, 0, sign * 0.3 * bin / 9, 1, 0);
            case TRANSLATE_X -> geometric(img, off, h, w, 1, 0, -sign * 150.0 / 331 * w * bin / 9, 0, 1, 0);
            case TRANSLATE_Y -> geometric(img, off, h, w, 1, 0, 0, 0, 1, -sign * 150.0 / 331 * h * bin / 9);
            case ROTATE -> rotate(img, off, h, w, sign * 30.0 * bin / 9);
            case BRIGHTNESS -> blendConstant(img, off, h * w, 1 + sign * 0.9 * bin / 9, 0);
            case COLOR -> color(img, off, h * w, 1 + sign * 0.9 * bin / 9);
            case CONTRAST -> blendConstant(img, off, h * w, 1 + sign * 0.9 * bin / 9, meanGray(img, off, h * w));
            case SHARPNESS -> sharpness(img, off, h, w, 1 + sign * 0.9 * bin / 9);
            case POSTERIZE -> posterize(img, off, h * w, 8 - (int) Math.round(bin / (9.0 / 4)));
            case SOLARIZE -> solarize(img, off, h * w, 255.0 * (9 - bin) / 9);
            case AUTO_CONTRAST -> autoContrast(img, off, h * w);
            case EQUALIZE -> equalize(img, off, h * w);
            case INVERT -> {
                for (int i = 0; i < 3 * h * w; i++) {
                    img[off + i] = 255 - img[off + i];
                }
            }
            default -> throw new IllegalStateException(op.name());
        }
    }

    /** Output pixel (x, y) takes input ((a x + b y + c), (d x + e y + f)), nearest, black outside. */
    private static void geometric(float[] img, int off, int h, int w, double a, double b, double c, double d,
                                  double e, double f) {
        float[] src = java.util.Arrays.copyOfRange(img, off, off + 3 * h * w);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = (int) Math.round(a * x + b * y + c);
                int sy = (int) Math.round(d * x + e * y + f);
                boolean in = sx >= 0 && sx < w && sy >= 0 && sy < h;
                for (int ch = 0; ch < 3; ch++) {
                    img[off + (ch * h + y) * w + x] = in ? src[(ch * h + sy) * w + sx] : 0f;
                }
            }
        }
    }

    private static void rotate(float[] img, int off, int h, int w, double degrees) {
        double r = Math.toRadians(degrees);
        double cos = Math.cos(r);
        double sin = Math.sin(r);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        // inverse rotation about the centre
        geometric(img, off, h, w, cos, sin, cx - cos * cx - sin * cy, -sin, cos, cy + sin * cx - cos * cy);
    }

    private static float clip(double v) {
        return (float) Math.max(0, Math.min(255, Math.round(v)));
    }

    private static void blendConstant(float[] img, int off, int plane, double factor, double towards) {
        for (int i = 0; i < 3 * plane; i++) {
            img[off + i] = clip(towards + factor * (img[off + i] - towards));
        }
    }

    private static double gray(float[] img, int off, int plane, int i) {
        return 0.299 * img[off + i] + 0.587 * img[off + plane + i] + 0.114 * img[off + 2 * plane + i];
    }

    private static double meanGray(float[] img, int off, int plane) {
        double sum = 0;
        for (int i = 0; i < plane; i++) {
            sum += Math.round(gray(img, off, plane, i));
        }
        return Math.round(sum / plane);
    }

    private static void color(float[] img, int off, int plane, double factor) {
        for (int i = 0; i < plane; i++) {
            double g = gray(img, off, plane, i);
            for (int ch = 0; ch < 3; ch++) {
                int at = off + ch * plane + i;
                img[at] = clip(g + factor * (img[at] - g));
            }
        }
    }

    /** Blend with PIL's SMOOTH-filtered image (kernel 1 1 1 / 1 5 1 / 1 1 1, over 13); borders kept. */
    private static void sharpness(float[] img, int off, int h, int w, double factor) {
        float[] src = java.util.Arrays.copyOfRange(img, off, off + 3 * h * w);
        for (int ch = 0; ch < 3; ch++) {
            for (int y = 1; y < h - 1; y++) {
                for (int x = 1; x < w - 1; x++) {
                    double s = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            s += src[(ch * h + y + dy) * w + x + dx] * (dx == 0 && dy == 0 ? 5 : 1);
                        }
                    }
                    double smooth = Math.round(s / 13);
                    int at = (ch * h + y) * w + x;
                    img[off + at] = clip(smooth + factor * (src[at] - smooth));
                }
            }
        }
    }

    private static void posterize(float[] img, int off, int plane, int bits) {
        int mask = ~((1 << (8 - bits)) - 1) & 0xff;
        for (int i = 0; i < 3 * plane; i++) {
            img[off + i] = ((int) img[off + i]) & mask;
        }
    }

    private static void solarize(float[] img, int off, int plane, double threshold) {
        for (int i = 0; i < 3 * plane; i++) {
            if (img[off + i] >= threshold) {
                img[off + i] = 255 - img[off + i];
            }
        }
    }

    private static void autoContrast(float[] img, int off, int plane) {
        for (int ch = 0; ch < 3; ch++) {
            float lo = 255;
            float hi = 0;
            for (int i = 0; i < plane; i++) {
                lo = Math.min(lo, img[off + ch * plane + i]);
                hi = Math.max(hi, img[off + ch * plane + i]);
            }
            if (hi <= lo) {
                continue;
            }
            double scale = 255.0 / (hi - lo);
            for (int i = 0; i < plane; i++) {
                int at = off + ch * plane + i;
                img[at] = clip((img[at] - lo) * scale);
            }
        }
    }

    /** PIL's ImageOps.equalize, per channel. */
    private static void equalize(float[] img, int off, int plane) {
        for (int ch = 0; ch < 3; ch++) {
            int[] hist = new int[256];
            for (int i = 0; i < plane; i++) {
                hist[(int) img[off + ch * plane + i]]++;
            }
            int last = 255;
            while (last > 0 && hist[last] == 0) {
                last--;
            }
            int step = (plane - hist[last]) / 255;
            if (step == 0) {
                continue;
            }
            int[] lut = new int[256];
            int n = step / 2;
            for (int v = 0; v < 256; v++) {
                lut[v] = Math.min(255, n / step);
                n += hist[v];
            }
            for (int i = 0; i < plane; i++) {
                int at = off + ch * plane + i;
                img[at] = lut[(int) img[at]];
            }
        }
    }
}
