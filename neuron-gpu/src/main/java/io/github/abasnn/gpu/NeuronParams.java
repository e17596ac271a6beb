package io.github.abasnn.gpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The kernels' {@code AbaNeuron} argument ({@code kernels/elements.cuh}) as the bytes a launch passes by value: the
 * steps in force, their step sizes, reciprocals and integer widths. The layout is C's on x86-64 and the device
 * (checked against nvcc's {@code offsetof} by {@code NeuronParamsLayoutTest}).
 */
public final class NeuronParams {
    /** {@code ABA_MAX_STEPS}. */
    public static final int MAX_STEPS = 64;
    static final int T = 0;
    static final int SIGNED = 4;
    static final int FLOOR = 5;
    static final int DECAY = 8;
    static final int STEP = 16;
    static final int INV = STEP + 8 * MAX_STEPS;
    static final int BITS = INV + 8 * MAX_STEPS;
    static final int QMAX = BITS + 4 * MAX_STEPS;
    /** {@code sizeof(AbaNeuron)}. */
    public static final int SIZE = QMAX + 4 * MAX_STEPS;

    private NeuronParams() {}

    /**
     * The argument for {@code t} steps of a neuron ({@code signed}: the first layer's; {@code floorFiring}: the
     * ablation), the reciprocals computed as the CPU kernels compute them.
     */
    public static byte[] of(int t, boolean signed, boolean floorFiring, double decay, double[] steps, int[] bits) {
        if (t < 1 || t > MAX_STEPS || steps.length < t || bits.length < t) {
            throw new IllegalArgumentException("a neuron call takes 1.." + MAX_STEPS + " steps with a step size and"
                    + " width each; got t = " + t);
        }
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(T, t);
        b.put(SIGNED, (byte) (signed ? 1 : 0));
        b.put(FLOOR, (byte) (floorFiring ? 1 : 0));
        b.putDouble(DECAY, decay);
        for (int s = 0; s < t; s++) {
            b.putDouble(STEP + 8 * s, steps[s]);
            b.putDouble(INV + 8 * s, 1.0 / steps[s]);
            b.putInt(BITS + 4 * s, bits[s]);
            b.putInt(QMAX + 4 * s, qmax(bits[s], signed));
        }
        return b.array();
    }

    /** {@code aba_qmax}: unsigned {@code 2^b - 1}; signed {@code 2^(b-1) - 1}, 1 at one bit. */
    public static int qmax(int bits, boolean signed) {
        if (signed) {
            return bits > 1 ? (1 << (bits - 1)) - 1 : 1;
        }
        return (1 << bits) - 1;
    }
}
