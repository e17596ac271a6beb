package io.github.abasnn.gpu.cuda;

import static io.github.abasnn.gpu.cuda.CudaCalls.check;

import io.github.abasnn.profile.Phase;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cudart;

/**
 * Where a device step's time goes, per {@link Phase}: CUDA events recorded on the device's stream around each phase's
 * work, read once the stream has drained ({@link #collect}), so the timing adds no synchronisation of its own. Off
 * (the default) it records nothing.
 */
public final class DeviceClock implements AutoCloseable {
    private final CudaDevice device;
    private final boolean on;
    private final Deque<CUevent_st> free = new ArrayDeque<>();
    private final List<Object[]> pending = new ArrayList<>();
    private final double[] millis = new double[Phase.values().length];
    private CUevent_st open;

    public DeviceClock(CudaDevice device, boolean on) {
        this.device = device;
        this.on = on;
    }

    private CUevent_st event() {
        if (!free.isEmpty()) {
            return free.pop();
        }
        CUevent_st e = new CUevent_st();
        check(cudart.cuEventCreate(e, cudart.CU_EVENT_DEFAULT), "cuEventCreate");
        return e;
    }

    /** Marks the start of {@code phase}'s work on the stream. */
    public void start() {
        if (on) {
            open = event();
            check(cudart.cuEventRecord(open, device.stream()), "cuEventRecord");
        }
    }

    /** Marks the end of the work started at the last {@link #start}, as {@code phase}'s. */
    public void stop(Phase phase) {
        if (on) {
            CUevent_st end = event();
            check(cudart.cuEventRecord(end, device.stream()), "cuEventRecord");
            pending.add(new Object[] {phase, open, end});
            open = null;
        }
    }

    /** Adds host work of {@code phase} that took {@code nanos} (initialisation and renewal, the bit loss). */
    public void host(Phase phase, long nanos) {
        if (on) {
            millis[phase.ordinal()] += nanos / 1e6;
        }
    }

    /** Reads the events recorded so far (after the stream has drained) into the totals. */
    public void collect() {
        if (!on || pending.isEmpty()) {
            return;
        }
        device.synchronize();
        float[] ms = new float[1];
        for (Object[] p : pending) {
            CUevent_st a = (CUevent_st) p[1];
            CUevent_st b = (CUevent_st) p[2];
            check(cudart.cuEventElapsedTime(ms, a, b), "cuEventElapsedTime");
            millis[((Phase) p[0]).ordinal()] += ms[0];
            free.push(a);
            free.push(b);
        }
        pending.clear();
    }

    /** Milliseconds per phase so far, in {@link Phase} order. */
    public double[] millis() {
        return millis.clone();
    }

    public boolean on() {
        return on;
    }

    @Override
    public void close() {
        device.makeCurrent();
        for (CUevent_st e : free) {
            cudart.cuEventDestroy(e);
        }
        free.clear();
    }
}
