package io.github.abasnn.data;

import java.nio.file.Path;

/** A data file that is missing, truncated or not in the format its reader expects; names the file and offset. */
public final class DataFormatException extends RuntimeException {
    public DataFormatException(Path file, long offset, String problem) {
        super(file + (offset >= 0 ? " at byte " + offset : "") + ": " + problem);
    }

    public DataFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
    }
}
