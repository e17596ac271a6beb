package io.github.abasnn.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST (raw or gzipped): a magic number {@code 0x0000TTDD} (type {@code TT},
 * 0x08 = unsigned byte; {@code DD} dimensions), big-endian int32 sizes, then the data.
 */
public final class IdxReader {
    private IdxReader() {}

    /** Reads an images file ({@code [n, H, W]}) and its labels file ({@code [n]}) into a one-channel set. */
    public static ImageSet read(String name, Path images, Path labels, int classes) {
        Idx img = readIdx(images);
        Idx lab = readIdx(labels);
        if (img.dims.length != 3) {
            throw new DataFormatException(images, 3, "expected 3 dimensions (n, rows, cols), found " + img.dims.length);
        }
        if (lab.dims.length != 1) {
            throw new DataFormatException(labels, 3, "expected 1 dimension (n), found " + lab.dims.length);
        }
        if (img.dims[0] != lab.dims[0]) {
            throw new DataFormatException(labels, 4, lab.dims[0] + " labels for " + img.dims[0] + " images in " + images);
        }
        int[] y = new int[lab.dims[0]];
        for (int i = 0; i < y.length; i++) {
            y[i] = lab.data[i] & 0xff;
            if (y[i] >= classes) {
                throw new DataFormatException(labels, lab.headerBytes + i, "label " + y[i] + " is not below " + classes);
            }
        }
        return new ImageSet(name, img.data, y, 1, img.dims[1], img.dims[2], classes);
    }

    /** Finds {@code base} or {@code base.gz} in {@code dir}. */
    public static Path locate(Path dir, String base) {
        Path raw = dir.resolve(base);
        if (Files.exists(raw)) {
            return raw;
        }
        Path gz = dir.resolve(base + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        throw new DataFormatException(raw, -1, "missing (neither " + base + " nor " + base + ".gz exists in " + dir
                + "; run submit/setup.sh --data)");
    }

    private record Idx(int[] dims, byte[] data, int headerBytes) {}

    private static Idx readIdx(Path file) {
        try (InputStream raw = open(file); DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            long offset = 0;
            int magic = readInt(in, file, offset);
            offset += 4;
            if ((magic >>> 16) != 0) {
                throw new DataFormatException(file, 0, String.format("bad magic 0x%08x: not an IDX file", magic));
            }
            int type = (magic >>> 8) & 0xff;
            int ndims = magic & 0xff;
            if (type != 0x08) {
                throw new DataFormatException(file, 2, String.format("element type 0x%02x, expected 0x08 (unsigned byte)", type));
            }
            if (ndims < 1 || ndims > 4) {
                throw new DataFormatException(file, 3, ndims + " dimensions is not supported");
            }
            int[] dims = new int[ndims];
            long total = 1;
            for (int i = 0; i < ndims; i++) {
                dims[i] = readInt(in, file, offset);
                if (dims[i] < 0) {
                    throw new DataFormatException(file, offset, "negative dimension " + dims[i]);
                }
                offset += 4;
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(file, offset, "data of " + total + " bytes is too large");
            }
            byte[] data = new byte[(int) total];
            int read = in.readNBytes(data, 0, data.length);
            if (read < data.length) {
                throw new DataFormatException(file, offset + read, "truncated: header promises " + total
                        + " data bytes, file has " + read);
            }
            return new Idx(dims, data, (int) offset);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file, -1, "missing");
        } catch (IOException e) {
            throw new DataFormatException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream open(Path file) throws IOException {
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static int readInt(DataInputStream in, Path file, long offset) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw new DataFormatException(file, offset, "truncated header");
        }
    }
}
