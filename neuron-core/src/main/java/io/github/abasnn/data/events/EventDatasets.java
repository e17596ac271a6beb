package io.github.abasnn.data.events;

import io.github.abasnn.data.DataFormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The event datasets the trainer knows, read from their published directory layouts and integrated into frames:
 * <ul>
 * <li>{@code nmnist}: {@code Train/<digit>/*.bin} and {@code Test/<digit>/*.bin} (also what
 *     {@link ConvertToNMnist} writes);</li>
 * <li>{@code dvs-gesture}: {@code user*.aedat} with {@code *_labels.csv}, split by {@code trials_to_train.txt} /
 *     {@code trials_to_test.txt};</li>
 * <li>{@code cifar10-dvs}: one folder per class (airplane .. truck) of {@code .aedat} files, the first 90% of each
 *     (by name) for training.</li>
 * </ul>
 */
public final class EventDatasets {
    public static final List<String> NAMES = List.of("nmnist", "dvs-gesture", "cifar10-dvs", "shd");
    static final List<String> CIFAR_CLASSES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private EventDatasets() {}

    public static boolean isEventDataset(String name) {
        return NAMES.contains(name.toLowerCase(Locale.ROOT));
    }

    public record Split(EventFrameSet train, EventFrameSet test) {}

    /**
     * Both splits, each limited to {@code limit} recordings.
     *
     * @param factor sum-pooling factor of the sensor (1: full resolution)
     * @param limit  at most this many recordings per split (0: all)
     */
    public static Split load(String name, Path dir, int frames, Framing.Split split, int factor, int limit) {
        return new Split(read(name, dir, true, frames, split, factor, limit),
                read(name, dir, false, frames, split, factor, limit));
    }

    /**
     * One split: the training split ({@code train}) or the test split.
     *
     * @param limit at most this many recordings, taken round-robin over the classes (0: all)
     */
    public static EventFrameSet read(String name, Path dir, boolean train, int frames, Framing.Split split,
                                     int factor, int limit) {
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, -1, "event dataset directory for '" + name + "' does not exist");
        }
        switch (name.toLowerCase(Locale.ROOT)) {
            case "nmnist":
                return train ? nmnist(dir.resolve("Train"), "nmnist/train", frames, split, factor, limit)
                        : nmnist(dir.resolve("Test"), "nmnist/test", frames, split, factor, limit);
            case "dvs-gesture":
                return gestures(dir, train ? "trials_to_train.txt" : "trials_to_test.txt", frames, split, factor,
                        limit);
            case "cifar10-dvs":
                return cifarDvs(dir, train, frames, split, factor, limit);
            default:
                throw new IllegalArgumentException("unknown event dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }

    private static EventFrameSet nmnist(Path root, String name, int frames, Framing.Split split, int factor, int limit) {
        List<EventStream> streams = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int digit = 0; digit < 10; digit++) {
            Path d = root.resolve(Integer.toString(digit));
            if (!Files.isDirectory(d)) {
                throw new DataFormatException(d, -1, "missing class folder");
            }
            for (Path f : sorted(d, ".bin")) {
                streams.add(NMnistFormat.read(f));
                labels.add(digit);
            }
        }
        return take(name, streams, labels, 10, frames, split, factor, limit);
    }

    private static EventFrameSet gestures(Path dir, String listFile, int frames, Framing.Split split, int factor,
                                          int limit) {
        Path list = dir.resolve(listFile);
        List<String> trials;
        try {
            trials = Files.readAllLines(list).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new DataFormatException(list, -1, "missing or unreadable trial list");
        }
        List<EventStream> streams = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String trial : trials) {
            Path aedat = dir.resolve(trial);
            Path csv = dir.resolve(trial.replace(".aedat", "_labels.csv"));
            for (Aedat31Reader.Gesture g : Aedat31Reader.gestures(aedat, csv)) {
                streams.add(g.events());
                labels.add(g.label());
            }
        }
        return take("dvs-gesture/" + listFile, streams, labels, 11, frames, split, factor, limit);
    }

    private static EventFrameSet cifarDvs(Path dir, boolean train, int frames, Framing.Split split, int factor,
                                          int limit) {
        List<EventStream> streams = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < CIFAR_CLASSES.size(); c++) {
            Path d = dir.resolve(CIFAR_CLASSES.get(c));
            if (!Files.isDirectory(d)) {
                throw new DataFormatException(d, -1, "missing class folder");
            }
            List<Path> files = sorted(d, ".aedat");
            int cut = (int) Math.round(files.size() * 0.9);
            for (Path f : train ? files.subList(0, cut) : files.subList(cut, files.size())) {
                streams.add(Cifar10DvsReader.read(f));
                labels.add(c);
            }
        }
        return take(train ? "cifar10-dvs/train" : "cifar10-dvs/test", streams, labels, 10, frames, split, factor, limit);
    }

    private static EventFrameSet take(String name, List<EventStream> streams, List<Integer> labels, int classes,
                                      int frames, Framing.Split split, int factor, int limit) {
        int n = limit > 0 ? Math.min(limit, streams.size()) : streams.size();
        // a limit keeps every class: take recordings round-robin over the classes
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < streams.size(); i++) {
            order.add(i);
        }
        order.sort(java.util.Comparator.comparingInt((Integer i) -> rankInClass(labels, i)).thenComparingInt(i -> i));
        List<EventStream> s = new ArrayList<>();
        int[] y = new int[n];
        for (int k = 0; k < n; k++) {
            s.add(streams.get(order.get(k)));
            y[k] = labels.get(order.get(k));
        }
        return EventFrameSet.of(name, s, y, classes, frames, split, factor);
    }

    private static int rankInClass(List<Integer> labels, int index) {
        int rank = 0;
        for (int i = 0; i < index; i++) {
            if (labels.get(i).equals(labels.get(index))) {
                rank++;
            }
        }
        return rank;
    }

    private static List<Path> sorted(Path dir, String suffix) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new DataFormatException(dir, -1, "cannot list: " + e.getMessage());
        }
    }
}
