package io.github.abasnn.intmodel;

/**
 * Signed weight levels packed at their bit width, least significant bit first, with no padding between values:
 * {@code b >= 2} bits hold {@code -qmax..qmax} in two's complement; a single bit holds the sign ({@code 1} for
 * {@code +1}, {@code 0} for {@code -1}), the only levels a 1-bit weight quantizer produces (method.md §2).
 */
public final class PackedLevels {
    private PackedLevels() {}

    /** Bytes that {@code count} values of {@code bits} bits take. */
    public static int bytes(long count, int bits) {
        long n = (count * bits + 7) / 8;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(count + " levels of " + bits + " bits do not fit one array");
        }
        return (int) n;
    }

    public static byte[] pack(byte[] levels, int bits) {
        requireBits(bits);
        int qmax = bits == 1 ? 1 : (1 << (bits - 1)) - 1;
        byte[] out = new byte[bytes(levels.length, bits)];
        long pos = 0;
        int mask = (1 << bits) - 1;
        for (int i = 0; i < levels.length; i++) {
            int v = levels[i];
            if (v < -qmax || v > qmax || (bits == 1 && v == 0)) {
                throw new IllegalArgumentException("level " + v + " at " + i + " does not fit " + bits + " bits");
            }
            int code = bits == 1 ? (v > 0 ? 1 : 0) : v & mask;
            for (int k = 0; k < bits; k++, pos++) {
                if ((code >> k & 1) != 0) {
                    out[(int) (pos >> 3)] |= (byte) (1 << (pos & 7));
                }
            }
        }
        return out;
    }

    public static byte[] unpack(byte[] packed, int count, int bits) {
        requireBits(bits);
        if (packed.length != bytes(count, bits)) {
            throw new IllegalArgumentException(count + " levels of " + bits + " bits need " + bytes(count, bits)
                    + " bytes, got " + packed.length);
        }
        byte[] out = new byte[count];
        long pos = 0;
        for (int i = 0; i < count; i++) {
            int code = 0;
            for (int k = 0; k < bits; k++, pos++) {
                code |= (packed[(int) (pos >> 3)] >> (pos & 7) & 1) << k;
            }
            if (bits == 1) {
                out[i] = (byte) (code == 1 ? 1 : -1);
            } else {
                out[i] = (byte) (code << (32 - bits) >> (32 - bits)); // sign-extend
            }
        }
        return out;
    }

    private static void requireBits(int bits) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("weight bits " + bits + " outside the integer format's 1..8");
        }
    }
}
