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
     * @param dir the dataset's own directory (e.g. {@code data/fashion-mnist}, or {@code cifar-10-batches-bin})
     */
    public static Split load(String name, Path dir) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!Files.isDirectory(dir)) {
            throw new DataFormatException(dir, -1, "dataset directory for '" + name
                    + "' does not exist (run submit/setup.sh --data, or pass --data-dir)");
        }
        switch (key) {
            case "fashion-mnist":
            case "mnist":
                return new Split(
                        IdxReader.read(key + "/train", IdxReader.locate(dir, "train-images-idx3-ubyte"),
                                IdxReader.locate(dir, "train-labels-idx1-ubyte"), 10),
                        IdxReader.read(key + "/test", IdxReader.locate(dir, "t10k-images-idx3-ubyte"),
                                IdxReader.locate(dir, "t10k-labels-idx1-ubyte"), 10));
            case "cifar10": {
                List<Path> train = new ArrayList<>();
                for (int i = 1; i <= 5; i++) {
                    train.add(dir.resolve("data_batch_" + i + ".bin"));
                }
                return new Split(CifarReader.cifar10("cifar10/train", train),
                        CifarReader.cifar10("cifar10/test", List.of(dir.resolve("test_batch.bin"))));
            }
            case "cifar100":
                return new Split(CifarReader.cifar100("cifar100/train", List.of(dir.resolve("train.bin"))),
                        CifarReader.cifar100("cifar100/test", List.of(dir.resolve("test.bin"))));
            case "image-folder": { // <dir>/train/<class>/*, <dir>/val/<class>/*
                List<String> classes = ImageFolderReader.classes(dir.resolve("train"));
                return new Split(ImageFolderReader.read("image-folder/train", dir.resolve("train"), classes,
                        IMAGE_FOLDER_SIZE, 0),
                        ImageFolderReader.read("image-folder/val", dir.resolve("val"), classes, IMAGE_FOLDER_SIZE, 0));
            }
            default:
                throw new IllegalArgumentException("unknown dataset '" + name + "'; known: " + String.join(", ", NAMES));
        }
    }
}
