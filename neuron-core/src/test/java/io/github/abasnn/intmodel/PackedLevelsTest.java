package io.github.abasnn.intmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class PackedLevelsTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void everyLevelOfAWidthRoundTripsInExactlyItsBits(int bits) {
        int qmax = bits == 1 ? 1 : (1 << (bits - 1)) - 1;
        Random rng = new Random(bits);
        byte[] levels = new byte[1001];
        for (int i = 0; i < levels.length; i++) {
            levels[i] = (byte) (bits == 1 ? (rng.nextBoolean() ? 1 : -1) : rng.nextInt(2 * qmax + 1) - qmax);
        }
        byte[] packed = PackedLevels.pack(levels, bits);
        assertEquals((1001 * bits + 7) / 8, packed.length);
        assertArrayEquals(levels, PackedLevels.unpack(packed, levels.length, bits));
    }

    @Test
    void aLevelOutsideTheWidthIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PackedLevels.pack(new byte[] {2}, 2));
        assertThrows(IllegalArgumentException.class, () -> PackedLevels.pack(new byte[] {0}, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PackedLevels.unpack(new byte[3], 10, 4));
        assertTrue(e.getMessage().contains("need 5 bytes"), e.getMessage());
    }
}
