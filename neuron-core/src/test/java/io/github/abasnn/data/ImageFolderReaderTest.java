package io.github.abasnn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path root;

    private void png(Path file, int w, int h, int rgb) throws Exception {
        Files.createDirectories(file.getParent());
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ImageIO.write(img, "png", file.toFile());
    }

    @Test
    void readsClassFoldersResizedAndCropped() throws Exception {
        png(root.resolve("train/cat/a.png"), 40, 20, 0xff0000);
        png(root.resolve("train/dog/b.png"), 16, 16, 0x00ff00);
        png(root.resolve("train/dog/c.jpg.txt"), 4, 4, 0); // not an image name: ignored
        List<String> classes = ImageFolderReader.classes(root.resolve("train"));
        assertEquals(List.of("cat", "dog"), classes);
        ImageSet set = ImageFolderReader.read("t", root.resolve("train"), classes, 8, 0);
        assertEquals(2, set.size());
        assertArrayEquals(new int[] {0, 1}, set.labels());
        assertEquals(3, set.channels());
        assertEquals(8, set.height());
        assertEquals(255, set.pixels()[0] & 0xff, "red plane of the cat");
        assertEquals(0, set.pixels()[64] & 0xff, "green plane of the cat");
        assertEquals(255, set.pixels()[3 * 64 + 64] & 0xff, "green plane of the dog");
    }

    @Test
    void undecodableImageAndMissingFoldersAreNamed() throws Exception {
        png(root.resolve("train/cat/a.png"), 8, 8, 1);
        Files.createDirectories(root.resolve("train/dog"));
        Files.writeString(root.resolve("train/dog/broken.png"), "not a png");
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> ImageFolderReader.read("t", root.resolve("train"), List.of("cat", "dog"), 8, 0));
        assertTrue(e.getMessage().contains("broken.png"), e.getMessage());
        assertTrue(assertThrows(DataFormatException.class, () -> ImageFolderReader.read("t", root.resolve("train"),
                List.of("cat", "emu"), 8, 0)).getMessage().contains("emu"));
        assertTrue(assertThrows(DataFormatException.class, () -> ImageFolderReader.classes(root.resolve("val")))
                .getMessage().contains("does not exist"));
    }
}
