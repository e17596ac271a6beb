package io.github.abasnn.data;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * ImageNet-style folders — {@code <root>/<class>/<image>.{jpg,jpeg,png}}, classes sorted by name — decoded with the
 * JDK's ImageIO, the shorter side resized to {@code size} (bilinear) and centre-cropped to {@code size x size},
 * RGB. Class indices follow the sorted folder names; pass the training split's names to the test split so both agree.
 */
public final class ImageFolderReader {
    private ImageFolderReader() {}

    /** The class folder names under {@code root}, sorted. */
    public static List<String> classes(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DataFormatException(root, -1, "image folder does not exist");
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            if (names.size() < 2) {
                throw new DataFormatException(root, -1, "needs at least two class folders, found " + names.size());
            }
            return names;
        } catch (IOException e) {
            throw new DataFormatException(root, "cannot list: " + e.getMessage(), e);
        }
    }

    public static ImageSet read(String name, Path root, List<String> classes, int size, int limit) {
        if (size < 8) {
            throw new IllegalArgumentException("image size must be >= 8, got " + size);
        }
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Path dir = root.resolve(classes.get(c));
            if (!Files.isDirectory(dir)) {
                throw new DataFormatException(dir, -1, "missing class folder");
            }
            try (Stream<Path> s = Files.list(dir)) {
                for (Path f : s.filter(ImageFolderReader::isImage).sorted().toList()) {
                    files.add(f);
                    labels.add(c);
                }
            } catch (IOException e) {
                throw new DataFormatException(dir, "cannot list: " + e.getMessage(), e);
            }
        }
        int n = limit > 0 ? Math.min(limit, files.size()) : files.size();
        int per = 3 * size * size;
        byte[] pixels = new byte[n * per];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            // with a limit, spread over the classes: take every (files/n)-th image
            int idx = (int) ((long) i * files.size() / n);
            decode(files.get(idx), size, pixels, i * per);
            y[i] = labels.get(idx);
        }
        return new ImageSet(name, pixels, y, 3, size, size, classes.size());
    }

    private static boolean isImage(Path p) {
        String f = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return f.endsWith(".jpg") || f.endsWith(".jpeg") || f.endsWith(".png");
    }

    private static void decode(Path file, int size, byte[] out, int off) {
        BufferedImage img;
        try {
            img = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot decode image: " + e.getMessage(), e);
        }
        if (img == null) {
            throw new DataFormatException(file, 0, "not a decodable JPEG or PNG image");
        }
        double scale = (double) size / Math.min(img.getWidth(), img.getHeight());
        int w = Math.max(size, (int) Math.round(img.getWidth() * scale));
        int h = Math.max(size, (int) Math.round(img.getHeight() * scale));
        BufferedImage resized = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(img, 0, 0, w, h, null);
        g.dispose();
        int x0 = (w - size) / 2;
        int y0 = (h - size) / 2;
        int plane = size * size;
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int rgb = resized.getRGB(x0 + x, y0 + y);
                out[off + y * size + x] = (byte) (rgb >> 16);
                out[off + plane + y * size + x] = (byte) (rgb >> 8);
                out[off + 2 * plane + y * size + x] = (byte) rgb;
            }
        }
    }
}
