package io.github.abasnn.data.events;

/**
 * Labelled recordings already integrated into {@code T} frames of 2 polarity channels, event counts clipped to 255
 * and held as bytes ({@code [n, T, 2, H, W]}), a quarter of the memory of floats.
 */
public record EventFrameSet(String name, byte[] frames, int[] labels, int timeSteps, int height, int width,
                            int classes) {

    public EventFrameSet {
        long per = (long) timeSteps * 2 * height * width;
        if (per * labels.length != frames.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + frames.length
                    + " frame bytes (expected " + per * labels.length + ")");
        }
    }

    public int size() {
        return labels.length;
    }

    public int bytesPerSample() {
        return timeSteps * 2 * height * width;
    }

    /** Integrates recordings into frames, optionally sum-pooling the sensor by an integer {@code factor}. */
    public static EventFrameSet of(String name, java.util.List<EventStream> streams, int[] labels, int classes,
                                   int frames, Framing.Split split, int factor) {
        if (streams.isEmpty()) {
            throw new IllegalArgumentException(name + ": no recordings");
        }
        int h = streams.get(0).height() / factor;
        int w = streams.get(0).width() / factor;
        int per = frames * 2 * h * w;
        byte[] out = new byte[streams.size() * per];
        for (int i = 0; i < streams.size(); i++) {
            EventStream e = streams.get(i);
            float[] f = Framing.frames(e, frames, split);
            int ph = e.height();
            int pw = e.width();
            for (int tc = 0; tc < frames * 2; tc++) {
                for (int y = 0; y < h * factor; y++) {
                    for (int x = 0; x < w * factor; x++) {
                        int dst = i * per + (tc * h + y / factor) * w + x / factor;
                        int v = (out[dst] & 0xff) + (int) f[(tc * ph + y) * pw + x];
                        out[dst] = (byte) Math.min(255, v);
                    }
                }
            }
        }
        return new EventFrameSet(name, out, labels, frames, h, w, classes);
    }
}
