package io.github.abasnn.golden;

/** A golden file that does not follow {@code aba-snn-golden/1}; the message names the file and the offending key. */
public final class GoldenFormatException extends RuntimeException {
    public GoldenFormatException(String message) {
        super(message);
    }

    public GoldenFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
