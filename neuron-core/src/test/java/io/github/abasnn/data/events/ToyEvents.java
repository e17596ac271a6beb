package io.github.abasnn.data.events;

import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.IdxFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A toy N-MNIST dataset for tests: toy 28x28 digits through the DVS converter, written in the N-MNIST layout. */
public final class ToyEvents {
    private ToyEvents() {}

    /** 30 training and 20 test recordings of 10 classes under {@code dir/nmnist}; returns that directory. */
    public static Path writeNMnist(Path dir) throws IOException {
        Path idx = dir.resolve("idx");
        IdxFiles.writeToyDataset(idx, 30, 20, 28, 10, 5);
        Datasets.Split images = Datasets.load("mnist", idx);
        Path events = dir.resolve("nmnist");
        ConvertToNMnist.write(DvsConverter.nmnistLike(), images.train(), events.resolve("Train"));
        ConvertToNMnist.write(DvsConverter.nmnistLike(), images.test(), events.resolve("Test"));
        for (int d = 0; d < 10; d++) { // every class folder exists, as in N-MNIST
            Files.createDirectories(events.resolve("Train").resolve(Integer.toString(d)));
            Files.createDirectories(events.resolve("Test").resolve(Integer.toString(d)));
        }
        return events;
    }
}
