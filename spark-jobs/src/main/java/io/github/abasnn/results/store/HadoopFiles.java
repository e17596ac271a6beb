package io.github.abasnn.results.store;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Whole-file writes on any Hadoop file system: through a hidden temporary name and a rename, never half a file. On
 * the local file system they go through the raw one, so no Hadoop {@code .crc} side file lands beside a report.
 */
public final class HadoopFiles {
    private HadoopFiles() {}

    /** What writes the file's content. */
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} (creating its directory) with what {@code content} writes. */
    public static void replace(FileSystem fs, Path file, Content content) throws IOException {
        fs = raw(fs);
        Path tmp = new Path(file.getParent(), "." + file.getName() + ".tmp");
        fs.mkdirs(file.getParent());
        try (OutputStream o = fs.create(tmp, true)) {
            content.writeTo(o);
        }
        fs.delete(file, false);
        if (!fs.rename(tmp, file)) {
            throw new IOException("could not move " + tmp + " to " + file);
        }
    }

    /** The local file system without Hadoop's checksum files; any other file system as it is. */
    static FileSystem raw(FileSystem fs) {
        return fs instanceof LocalFileSystem local ? local.getRaw() : fs;
    }

    /**
     * Removes the {@code .crc} side files the local file system left in {@code dir} (Spark's writers go through the
     * checksummed one); nothing on other file systems, which keep no such files.
     */
    static void dropChecksumFiles(FileSystem fs, Path dir) throws IOException {
        if (!(fs instanceof LocalFileSystem local) || !fs.exists(dir)) {
            return;
        }
        for (org.apache.hadoop.fs.FileStatus f : local.getRaw().listStatus(dir)) {
            String name = f.getPath().getName();
            if (f.isFile() && name.startsWith(".") && name.endsWith(".crc")) {
                local.getRaw().delete(f.getPath(), false);
            }
        }
    }
}
