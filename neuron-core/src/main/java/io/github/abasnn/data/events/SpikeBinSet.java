package io.github.abasnn.data.events;

/** Labelled spike recordings binned in time: counts {@code [n, T, channels]} as bytes. */
public record SpikeBinSet(String name, byte[] counts, int[] labels, int bins, int channels, int classes) {

    public SpikeBinSet {
        if ((long) labels.length * bins * channels != counts.length) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + counts.length + " counts");
        }
    }

    public int size() {
        return labels.length;
    }
}
