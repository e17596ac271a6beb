package io.github.abasnn.results;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Whole-file writes on any Hadoop file system: through a hidden temporary name and a rename, never half a file. */
final class HadoopFiles {
    private HadoopFiles() {}

    /** What writes the file's content. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code file} (creating its directory) with what {@code content} writes. */
    static void replace(FileSystem fs, Path file, Content content) throws IOException {
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
}
