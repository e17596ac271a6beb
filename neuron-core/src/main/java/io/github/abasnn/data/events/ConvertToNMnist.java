package io.github.abasnn.data.events;

import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.ImageSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Converts MNIST or Fashion-MNIST (IDX) into event streams in the N-MNIST layout — {@code Train/<label>/<n>.bin},
 * {@code Test/<label>/<n>.bin} — with {@link DvsConverter}, so the event path runs on real digits.
 */
@Command(name = "convert-nmnist", mixinStandardHelpOptions = true,
        description = "Convert an IDX image dataset into N-MNIST-format event files (DVS-style saccades).")
public final class ConvertToNMnist implements Callable<Integer> {
    @Option(names = "--dataset", defaultValue = "mnist")
    String dataset;
    @Option(names = "--data-dir", description = "IDX directory (default data/<dataset>)")
    Path dataDir;
    @Option(names = "--out", required = true, description = "output root")
    Path out;
    @Option(names = "--train-limit", defaultValue = "0")
    int trainLimit;
    @Option(names = "--test-limit", defaultValue = "0")
    int testLimit;
    @Option(names = "--threshold", defaultValue = "0.2", description = "DVS contrast threshold C (log units)")
    double threshold;

    @Override
    public Integer call() throws IOException {
        Datasets.Split split = Datasets.load(dataset, dataDir != null ? dataDir : Datasets.defaultDir(dataset));
        DvsConverter converter = new DvsConverter(100_000, 1_000, 2.0, threshold, 0.1);
        int train = write(converter, split.train().head(trainLimit), out.resolve("Train"));
        int test = write(converter, split.test().head(testLimit), out.resolve("Test"));
        System.out.println("wrote " + train + " training and " + test + " test recordings under " + out);
        return 0;
    }

    /** Writes every image of {@code set} as {@code root/<label>/<index>.bin}; returns how many. */
    public static int write(DvsConverter converter, ImageSet set, Path root) throws IOException {
        int size = set.height();
        for (int i = 0; i < set.size(); i++) {
            byte[] px = java.util.Arrays.copyOfRange(set.pixels(), i * size * size, (i + 1) * size * size);
            Path dir = root.resolve(Integer.toString(set.labels()[i]));
            Files.createDirectories(dir);
            NMnistFormat.write(dir.resolve(String.format("%05d.bin", i)), converter.convert(px, size));
        }
        return set.size();
    }
}
