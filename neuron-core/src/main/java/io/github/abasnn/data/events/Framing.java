package io.github.abasnn.data.events;

/**
 * Turns an event stream into a fixed number of frames {@code [T, 2, H, W]} (polarity channels, event counts per
 * pixel), as SpikingJelly's {@code integrate_events_by_fixed_frames_number}: split by time (equal durations from the
 * first to the last event) or by number (equal event counts, the remainder going to the last frame).
 */
public final class Framing {
    public enum Split { TIME, NUMBER }

    private Framing() {}

    public static float[] frames(EventStream e, int frames, Split split) {
        if (frames < 1) {
            throw new IllegalArgumentException("number of frames must be >= 1, got " + frames);
        }
        int plane = e.width() * e.height();
        float[] out = new float[frames * 2 * plane];
        int n = e.size();
        if (n == 0) {
            return out;
        }
        for (int j = 0; j < frames; j++) {
            int from;
            int to;
            if (split == Split.NUMBER) {
                int per = n / frames;
                from = j * per;
                to = j == frames - 1 ? n : from + per;
            } else {
                long t0 = e.t()[0];
                long span = e.t()[n - 1] - t0 + 1;
                long lo = t0 + span * j / frames;
                long hi = t0 + span * (j + 1) / frames;
                from = lowerBound(e.t(), lo);
                to = j == frames - 1 ? n : lowerBound(e.t(), hi);
            }
            for (int i = from; i < to; i++) {
                out[((j * 2 + e.p()[i]) * e.height() + e.y()[i]) * e.width() + e.x()[i]] += 1f;
            }
        }
        return out;
    }

    private static int lowerBound(long[] t, long value) {
        int lo = 0;
        int hi = t.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (t[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
