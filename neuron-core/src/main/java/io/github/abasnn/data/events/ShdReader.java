package io.github.abasnn.data.events;

import io.github.abasnn.data.DataFormatException;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Spiking Heidelberg Digits (Cramer et al. 2020) HDF5 files, read in pure Java (jHDF): {@code /spikes/times}
 * (variable-length float32 seconds), {@code /spikes/units} (variable-length channel ids, 0..699) and
 * {@code /labels} (0..19). Recordings are binned into {@code T} equal time bins over {@code [0, duration)}, spike
 * counts per (bin, channel), clipped to 255; spikes at or after {@code duration} are dropped.
 */
public final class ShdReader {
    public static final int CHANNELS = 700;
    public static final int CLASSES = 20;

    private ShdReader() {}

    public static SpikeBinSet read(Path file, int bins, double durationSeconds, int limit) {
        if (bins < 1 || !(durationSeconds > 0)) {
            throw new IllegalArgumentException("SHD binning needs bins >= 1 and a positive duration, got " + bins
                    + ", " + durationSeconds);
        }
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file, -1, "missing");
        }
        try (HdfFile h5 = new HdfFile(file)) {
            Object[] times = vlen(file, h5, "spikes/times");
            Object[] units = vlen(file, h5, "spikes/units");
            int[] labels = ints(file, h5.getDatasetByPath("labels").getData(), "labels");
            if (times.length != units.length || times.length != labels.length) {
                throw new DataFormatException(file, -1, "spikes/times (" + times.length + "), spikes/units ("
                        + units.length + ") and labels (" + labels.length + ") differ in length");
            }
            int n = limit > 0 ? Math.min(limit, labels.length) : labels.length;
            byte[] counts = new byte[n * bins * CHANNELS];
            int[] y = new int[n];
            for (int i = 0; i < n; i++) {
                float[] t = (float[]) times[i];
                int[] u = ints(file, units[i], "spikes/units[" + i + "]");
                if (t.length != u.length) {
                    throw new DataFormatException(file, -1, "recording " + i + ": " + t.length + " spike times but "
                            + u.length + " units");
                }
                if (labels[i] < 0 || labels[i] >= CLASSES) {
                    throw new DataFormatException(file, -1, "labels[" + i + "] = " + labels[i] + " is outside 0..19");
                }
                y[i] = labels[i];
                for (int s = 0; s < t.length; s++) {
                    if (u[s] < 0 || u[s] >= CHANNELS) {
                        throw new DataFormatException(file, -1, "recording " + i + ": unit " + u[s] + " outside 0..699");
                    }
                    int bin = (int) (t[s] / durationSeconds * bins);
                    if (t[s] < 0 || bin >= bins) {
                        continue;
                    }
                    int at = (i * bins + bin) * CHANNELS + u[s];
                    counts[at] = (byte) Math.min(255, (counts[at] & 0xff) + 1);
                }
            }
            return new SpikeBinSet(file.getFileName().toString(), counts, y, bins, CHANNELS, CLASSES);
        } catch (HdfException e) {
            throw new DataFormatException(file, "not a readable SHD HDF5 file: " + e.getMessage(), e);
        }
    }

    private static Object[] vlen(Path file, HdfFile h5, String path) {
        Dataset d;
        try {
            d = h5.getDatasetByPath(path);
        } catch (HdfException e) {
            throw new DataFormatException(file, -1, "no dataset '" + path + "'");
        }
        Object data = d.getData();
        if (!(data instanceof Object[] rows)) {
            throw new DataFormatException(file, -1, "'" + path + "' is not a variable-length dataset");
        }
        return rows;
    }

    private static int[] ints(Path file, Object data, String what) {
        if (data instanceof int[] a) {
            return a;
        }
        if (data instanceof short[] s) {
            int[] a = new int[s.length];
            for (int i = 0; i < s.length; i++) {
                a[i] = s[i] & 0xffff;
            }
            return a;
        }
        if (data instanceof long[] l) {
            int[] a = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                a[i] = (int) l[i];
            }
            return a;
        }
        throw new DataFormatException(file, -1, "'" + what + "' is not an integer array ("
                + (data == null ? "null" : data.getClass().getSimpleName()) + ")");
    }
}
