package io.github.abasnn.data;

import java.util.Random;

/**
 * Training-time augmentation (method.md §7): optionally AutoAugment's CIFAR-10 policy on the raw RGB image, then, on
 * the standardised CHW image in place, random crop after zero padding, horizontal flip with probability 1/2, and
 * Cutout (a zeroed square of side {@code cutout}, centre uniform over the image, clipped at the borders). Zero sizes
 * turn a step off.
 */
public record Augmentation(int cropPadding, boolean flip, int cutout, boolean autoAugment) {
    public static final Augmentation NONE = new Augmentation(0, false, 0, false);

    /** Without AutoAugment. */
    public Augmentation(int cropPadding, boolean flip, int cutout) {
        this(cropPadding, flip, cutout, false);
    }

    public Augmentation {
        if (cropPadding < 0 || cutout < 0) {
            throw new IllegalArgumentException("augmentation: crop padding " + cropPadding + " and cutout " + cutout
                    + " must be >= 0");
        }
    }

    /** The paper's CIFAR recipe: AutoAugment, crop (pad 4), flip, Cutout(16). */
    public static Augmentation cifar() {
        return new Augmentation(4, true, 16, true);
    }

    public boolean isNone() {
        return cropPadding == 0 && !flip && cutout == 0 && !autoAugment;
    }

    /** Applies the augmentation to {@code img} ({@code c*h*w} floats at {@code off}), using {@code tmp} as scratch. */
    public void apply(float[] img, int off, int c, int h, int w, Random rng, float[] tmp) {
        if (cropPadding > 0) {
            int dy = rng.nextInt(2 * cropPadding + 1) - cropPadding;
            int dx = rng.nextInt(2 * cropPadding + 1) - cropPadding;
            System.arraycopy(img, off, tmp, 0, c * h * w);
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    int sy = y + dy;
                    for (int x = 0; x < w; x++) {
                        int sx = x + dx;
                        boolean inside = sy >= 0 && sy < h && sx >= 0 && sx < w;
                        img[off + (ch * h + y) * w + x] = inside ? tmp[(ch * h + sy) * w + sx] : 0f;
                    }
                }
            }
        }
        if (flip && rng.nextBoolean()) {
            for (int ch = 0; ch < c; ch++) {
                for (int y = 0; y < h; y++) {
                    int row = off + (ch * h + y) * w;
                    for (int x = 0; x < w / 2; x++) {
                        float t = img[row + x];
                        img[row + x] = img[row + w - 1 - x];
                        img[row + w - 1 - x] = t;
                    }
                }
            }
        }
        if (cutout > 0) {
            int cy = rng.nextInt(h);
            int cx = rng.nextInt(w);
            int y0 = Math.max(0, cy - cutout / 2);
            int y1 = Math.min(h, cy + cutout / 2);
            int x0 = Math.max(0, cx - cutout / 2);
            int x1 = Math.min(w, cx + cutout / 2);
            for (int ch = 0; ch < c; ch++) {
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        img[off + (ch * h + y) * w + x] = 0f;
                    }
                }
            }
        }
    }
}
