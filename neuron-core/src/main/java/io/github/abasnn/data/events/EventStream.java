package io.github.abasnn.data.events;

/**
 * Address events of one recording, in time order: pixel {@code (x, y)}, timestamp {@code t} in microseconds and
 * polarity {@code p} (1 ON, 0 OFF), on a {@code width x height} sensor.
 */
public record EventStream(int width, int height, int[] x, int[] y, long[] t, byte[] p) {

    public EventStream {
        int n = x.length;
        if (y.length != n || t.length != n || p.length != n) {
            throw new IllegalArgumentException("event arrays differ in length: x " + n + ", y " + y.length + ", t "
                    + t.length + ", p " + p.length);
        }
        for (int i = 0; i < n; i++) {
            if (x[i] < 0 || x[i] >= width || y[i] < 0 || y[i] >= height) {
                throw new IllegalArgumentException("event " + i + " at (" + x[i] + ", " + y[i] + ") is outside the "
                        + width + "x" + height + " sensor");
            }
            if (i > 0 && t[i] < t[i - 1]) {
                throw new IllegalArgumentException("event " + i + " goes back in time: " + t[i] + " after " + t[i - 1]);
            }
        }
    }

    public int size() {
        return x.length;
    }

    /** The events with {@code from <= t < to}. */
    public EventStream slice(long from, long to) {
        int a = 0;
        while (a < size() && t[a] < from) {
            a++;
        }
        int b = a;
        while (b < size() && t[b] < to) {
            b++;
        }
        return new EventStream(width, height, java.util.Arrays.copyOfRange(x, a, b), java.util.Arrays.copyOfRange(y, a, b),
                java.util.Arrays.copyOfRange(t, a, b), java.util.Arrays.copyOfRange(p, a, b));
    }
}
