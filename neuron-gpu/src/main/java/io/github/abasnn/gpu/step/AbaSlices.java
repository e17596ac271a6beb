package io.github.abasnn.gpu.step;

import io.github.abasnn.plan.PlanSpec;
import io.github.abasnn.plan.UpdateRule;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The fused updater's slice table ({@code AbaSlice} in {@code kernels/step_elements.cuh}) as the bytes copied to the
 * device each step: every parameter's run of the flat vector with its rule at this iteration, sorted by offset as the
 * kernel's binary search needs. The layout is C's on x86-64 and the device (checked against nvcc's {@code offsetof}).
 */
public final class AbaSlices {
    static final int OFFSET = 0;
    static final int LENGTH = 8;
    static final int STATE_OFFSET = 16;
    static final int RULE = 24;
    static final int DIVIDE = 28;
    static final int LR = 32;
    static final int MOMENTUM = 40;
    static final int L2 = 48;
    /** {@code sizeof(AbaSlice)}. */
    public static final int SIZE = 56;

    private AbaSlices() {}

    /**
     * The table for {@code rules}, one per slice of {@code plan} in its order (already by offset); empty parameters are
     * left out, so the table has {@code length / SIZE} entries.
     */
    public static byte[] of(PlanSpec plan, List<UpdateRule> rules) {
        List<PlanSpec.Slice> slices = plan.slices();
        if (rules.size() != slices.size()) {
            throw new IllegalArgumentException(rules.size() + " rules for " + slices.size() + " parameters");
        }
        int entries = (int) slices.stream().filter(s -> s.length() > 0).count();
        ByteBuffer b = ByteBuffer.allocate(SIZE * entries).order(ByteOrder.LITTLE_ENDIAN);
        long previous = -1;
        int at = 0;
        for (int i = 0; i < slices.size(); i++) {
            PlanSpec.Slice s = slices.get(i);
            if (s.length() == 0) {
                continue;
            }
            if (s.offset() <= previous) {
                throw new IllegalArgumentException("parameter " + s.layer() + "/" + s.key() + " is out of order");
            }
            previous = s.offset();
            UpdateRule r = rules.get(i);
            b.putLong(at + OFFSET, s.offset());
            b.putLong(at + LENGTH, s.length());
            b.putLong(at + STATE_OFFSET, s.stateOffset());
            b.putInt(at + RULE, switch (r.kind()) {
                case NONE -> 0;
                case SGD -> 1;
                case NESTEROV -> 2;
            });
            b.putInt(at + DIVIDE, r.divideByBatch() ? 1 : 0);
            b.putDouble(at + LR, r.learningRate());
            b.putDouble(at + MOMENTUM, r.momentum());
            b.putDouble(at + L2, r.l2());
            at += SIZE;
        }
        return b.array();
    }
}
