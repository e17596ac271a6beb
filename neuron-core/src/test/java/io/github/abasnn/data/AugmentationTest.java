package io.github.abasnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    private static float[] ramp(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = i + 1;
        }
        return a;
    }

    @Test
    void flipTwiceIsIdentityAndFlipMirrorsRows() {
        Augmentation flip = new Augmentation(0, true, 0);
        float[] img = ramp(2 * 3 * 4);
        float[] copy = img.clone();
        Random rng = new Random(1);
        boolean flipped = false;
        float[] tmp = new float[img.length];
        for (int i = 0; i < 20 && !flipped; i++) { // until the coin says flip
            flip.apply(img, 0, 2, 3, 4, rng, tmp);
            flipped = img[0] != copy[0];
            if (!flipped) {
                assertArrayEquals(copy, img);
            }
        }
        assertEquals(copy[3], img[0]);
        assertEquals(copy[0], img[3]);
    }

    @Test
    void cropMovesContentAndPadsWithZeros() {
        Augmentation crop = new Augmentation(2, false, 0);
        float[] img = ramp(16);
        crop.apply(img, 0, 1, 4, 4, new Random(5), new float[16]);
        float sum = 0;
        for (float v : img) {
            sum += v;
        }
        assertTrue(sum <= 136, "a crop never adds content");
        for (float v : img) {
            assertTrue(v == 0 || (v >= 1 && v <= 16));
        }
    }

    @Test
    void cutoutZeroesAtMostASquare() {
        Augmentation cut = new Augmentation(0, false, 4);
        float[] img = ramp(3 * 8 * 8);
        cut.apply(img, 0, 3, 8, 8, new Random(3), new float[img.length]);
        int zeros = 0;
        for (float v : img) {
            zeros += v == 0 ? 1 : 0;
        }
        assertTrue(zeros > 0 && zeros <= 3 * 16 && zeros % 3 == 0, "zeros: " + zeros);
    }

    @Test
    void batchesAreDeterministicPerSeedEpochAndPosition() throws Exception {
        byte[] px = new byte[20 * 16];
        new Random(2).nextBytes(px);
        int[] y = new int[20];
        ImageSet set = new ImageSet("t", px, y, 1, 4, 4, 2);
        float[] m = {0.5f};
        float[] s = {0.25f};
        ImageBatches a = new ImageBatches(set, 8, true, new Augmentation(1, true, 2), 9, m, s);
        ImageBatches b = new ImageBatches(set, 8, true, new Augmentation(1, true, 2), 9, m, s);
        a.setEpoch(3);
        a.next();
        b.setEpoch(3);
        b.next();
        assertEquals(a.next().getFeatures(), b.next().getFeatures());
        ImageBatches c = new ImageBatches(set, 8, true, new Augmentation(1, true, 2), 9, m, s);
        c.setEpoch(4);
        a.setEpoch(3);
        assertTrue(!a.next().getFeatures().equals(c.next().getFeatures()), "another epoch, another shuffle");
        assertEquals(3, a.batchesPerEpoch());
    }
}
