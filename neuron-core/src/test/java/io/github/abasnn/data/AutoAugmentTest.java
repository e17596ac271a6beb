package io.github.abasnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AutoAugmentTest {

    private static float[] image(long seed, int h, int w) {
        Random r = new Random(seed);
        float[] img = new float[3 * h * w];
        for (int i = 0; i < img.length; i++) {
            img[i] = r.nextInt(256);
        }
        return img;
    }

    @Test
    void policyKeepsValuesInRangeAndIsDeterministic() {
        for (long seed = 0; seed < 200; seed++) {
            float[] a = image(seed, 8, 8);
            float[] b = a.clone();
            AutoAugment.cifar10(a, 0, 8, 8, new Random(seed));
            AutoAugment.cifar10(b, 0, 8, 8, new Random(seed));
            assertArrayEquals(a, b);
            for (float v : a) {
                assertTrue(v >= 0 && v <= 255 && v == Math.rint(v), "value " + v);
            }
        }
    }

    @Test
    void pointOperationsFollowPil() {
        float[] img = {0, 100, 200, 255, 10, 20, 30, 40, 50, 60, 70, 80}; // 3 channels of 2x2
        float[] inv = img.clone();
        AutoAugment.apply(AutoAugment.Op.INVERT, 0, inv, 0, 2, 2, new Random(1));
        assertEquals(255, inv[0]);
        assertEquals(0, inv[3]);
        float[] post = img.clone();
        AutoAugment.apply(AutoAugment.Op.POSTERIZE, 9, post, 0, 2, 2, new Random(1)); // bin 9 -> 4 bits
        assertEquals(96, post[1]);
        assertEquals(192, post[2]);
        float[] sol = img.clone();
        AutoAugment.apply(AutoAugment.Op.SOLARIZE, 5, sol, 0, 2, 2, new Random(1)); // threshold 255*4/9 = 113.3
        assertEquals(100, sol[1]);
        assertEquals(55, sol[2]);
        float[] auto = img.clone();
        AutoAugment.apply(AutoAugment.Op.AUTO_CONTRAST, 0, auto, 0, 2, 2, new Random(1));
        assertArrayEquals(new float[] {0, 0, 85, 170, 255}, new float[] {auto[0], auto[4], auto[5], auto[6], auto[7]});
    }
}
