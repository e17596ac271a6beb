package io.github.abasnn.data.events;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a static grey image into address events the way N-MNIST was recorded (Orchard et al. 2015): the image sits
 * in the middle of a 34x34 sensor, which makes three straight saccades along a triangle; every pixel keeps a
 * reference log intensity and emits an ON (OFF) event each time its log intensity rises (falls) by the contrast
 * threshold {@code C} from it — the DVS pixel model. Deterministic: no noise, no refractory period; the events of one
 * time step share its timestamp and come in pixel order.
 *
 * <p>Defaults: 3 saccades of 100 ms sampled every 1 ms, amplitude 2 pixels, {@code C = 0.2}, log offset 0.1 (so black
 * is {@code log 0.1}).
 */
public final class DvsConverter {
    private final int saccadeMicros;
    private final int stepMicros;
    private final double amplitude;
    private final double threshold;
    private final double logOffset;

    public DvsConverter(int saccadeMicros, int stepMicros, double amplitude, double threshold, double logOffset) {
        if (saccadeMicros < stepMicros || stepMicros < 1 || amplitude < 0 || amplitude > 3 || threshold <= 0
                || logOffset <= 0) {
            throw new IllegalArgumentException("DVS converter settings out of range: saccade " + saccadeMicros
                    + " us, step " + stepMicros + " us, amplitude " + amplitude + " px (max 3), C " + threshold
                    + ", log offset " + logOffset);
        }
        this.saccadeMicros = saccadeMicros;
        this.stepMicros = stepMicros;
        this.amplitude = amplitude;
        this.threshold = threshold;
        this.logOffset = logOffset;
    }

    public static DvsConverter nmnistLike() {
        return new DvsConverter(100_000, 1_000, 2.0, 0.2, 0.1);
    }

    /**
     * @param pixels grey values {@code 0..255}, row major, {@code size x size} with {@code size <= 28}
     */
    public EventStream convert(byte[] pixels, int size) {
        if (pixels.length != size * size || size > NMnistFormat.SENSOR - 6) {
            throw new IllegalArgumentException("expected a square image of at most 28x28, got " + pixels.length
                    + " pixels for size " + size);
        }
        int sensor = NMnistFormat.SENSOR;
        double[][] path = {{0, 0}, {amplitude, amplitude}, {2 * amplitude, 0}, {0, 0}};
        double[] reference = render(pixels, size, 0, 0);
        List<int[]> events = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        int stepsPerSaccade = saccadeMicros / stepMicros;
        for (int s = 0; s < 3; s++) {
            for (int k = 1; k <= stepsPerSaccade; k++) {
                double f = (double) k / stepsPerSaccade;
                double dx = path[s][0] + f * (path[s + 1][0] - path[s][0]);
                double dy = path[s][1] + f * (path[s + 1][1] - path[s][1]);
                double[] now = render(pixels, size, dx, dy);
                long t = (long) (s * stepsPerSaccade + k) * stepMicros;
                for (int i = 0; i < now.length; i++) {
                    double diff = now[i] - reference[i];
                    int count = (int) (Math.abs(diff) / threshold);
                    if (count == 0) {
                        continue;
                    }
                    int polarity = diff > 0 ? 1 : 0;
                    for (int c = 0; c < count; c++) {
                        events.add(new int[] {i % sensor, i / sensor, polarity});
                        times.add(t);
                    }
                    reference[i] += Math.signum(diff) * count * threshold;
                }
            }
        }
        int n = events.size();
        int[] x = new int[n];
        int[] y = new int[n];
        long[] ts = new long[n];
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            x[i] = events.get(i)[0];
            y[i] = events.get(i)[1];
            p[i] = (byte) events.get(i)[2];
            ts[i] = times.get(i);
        }
        return new EventStream(sensor, sensor, x, y, ts, p);
    }

    /** Log intensity on the sensor with the image shifted by (dx, dy), bilinear, centred, black outside. */
    private double[] render(byte[] pixels, int size, double dx, double dy) {
        int sensor = NMnistFormat.SENSOR;
        double origin = (sensor - size) / 2.0 - amplitude;
        double[] out = new double[sensor * sensor];
        for (int sy = 0; sy < sensor; sy++) {
            for (int sx = 0; sx < sensor; sx++) {
                double ix = sx - origin - dx;
                double iy = sy - origin - dy;
                int x0 = (int) Math.floor(ix);
                int y0 = (int) Math.floor(iy);
                double fx = ix - x0;
                double fy = iy - y0;
                double v = (1 - fx) * (1 - fy) * at(pixels, size, x0, y0) + fx * (1 - fy) * at(pixels, size, x0 + 1, y0)
                        + (1 - fx) * fy * at(pixels, size, x0, y0 + 1) + fx * fy * at(pixels, size, x0 + 1, y0 + 1);
                out[sy * sensor + sx] = Math.log(v + logOffset);
            }
        }
        return out;
    }

    private static double at(byte[] pixels, int size, int x, int y) {
        return x < 0 || y < 0 || x >= size || y >= size ? 0 : (pixels[y * size + x] & 0xff) / 255.0;
    }
}
