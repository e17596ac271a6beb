package io.github.abasnn.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The static-image datasets the trainer knows, by name, read from a directory in their published format. */
public final class Datasets {
    /** Names accepted by {@link #load}. */
    public static final List<String> NAMES = List.of("fashion-mnist", "mnist", "cifar10", "cifar100", "image-folder");

    /** Side of the square images the image-folder reader produces (ImageNet-style data). */
    public static final int IMAGE_FOLDER_SIZE = Integer.getInteger("abasnn.imageSize", 224);

    private Datasets() {}

    /** A dataset's training and test splits. */
    public record Split(ImageSet train, ImageSet test) {}

    /**
     * Both splits.
     *
     * @param dir the dataset's own directory (e.g. {@code data/fashion-mnist}, or {@code cifar-10-batches-bin})
     */
    /**
     * Where a dataset lies when no directory is given, relative to the working directory: {@code data/<name>}, where
     * {@code submit/setup.sh --data} puts it. Event datasets follow the same rule.
     */
    public static Path defaultDir(String name) {
        return Path.of("data", name);
    }

    public static Split load(String name, Path dir) {
        return new Split(train(name, dir), test(name, dir));
    }

    /** The training split only (a data-parallel executor never reads the test split). */
    public static ImageSet train(String name, Path dir) {
        return read(name, dir, true);
    }

    /** The test split only. */
    public static ImageSet test(String name, Path dir) {
        return read(name, dir, false);
    }

    private static ImageSet read(String name, Path dir, boolean train) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, -1, "dataset directory for '" + name
                    + "' does not exist (run submit/setup.sh --data, or pass --data-dir)");
        }
        switch (key) {
            case "fashion-mnist":
            case "mnist": {
                String prefix = train ? "train" : "t10k";
                return IdxReader.read(key + (train ? "/train" : "/test"),
                        IdxReader.locate(dir, prefix + "-images-idx3-ubyte"),
                        IdxReader.locate(dir, prefix + "-labels-idx1-ubyte"), 10);
            }
            case "cifar10": {
                if (!train) {
                    return CifarReader.cifar10("cifar10/test", List.of(dir.resolve("test_batch.bin")));
                }
                List<Path> files = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    files.add(dir.resolve("data_batch_" + i + ".bin"));
                }
                return CifarReader.cifar10("cifar10/train", files);
            }
            case "cifar100":
                return train ? CifarReader.cifar100("cifar100/train", List.of(dir.resolve("train.bin")))
                        : CifarReader.cifar100("cifar100/test", List.of(dir.resolve("test.bin")));
            case "image-folder": { // <dir>/train/<class>/*, <dir>/val/<class>/*; class indices from train/
                List<String> classes = ImageFolderReader.classes(dir.resolve("train"));
                String sub = train ? "train" : "val";
                return ImageFolderReader.read("image-folder/" + sub, dir.resolve(sub), classes, IMAGE_FOLDER_SIZE, 0);
            }
            default:
                throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }
}
