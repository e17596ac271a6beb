package io.github.abasnn.data.events;

import io.github.abasnn.data.DataFormatException;
import java.nio.file.Path;

/** The ASCII header of jAER / AEDAT files: lines starting with {@code #}; returns where the binary data starts. */
final class AedatHeader {
    private AedatHeader() {}

    /**
     * @param endMarker a header line that ends the header (AEDAT 3.x), or null to end at the first line not starting
     *                  with {@code #} (AEDAT 2.0)
     * @return the byte offset of the first data byte
     */
    static int dataStart(Path file, byte[] b, String requiredPrefix, String endMarker) {
        if (requiredPrefix != null && !startsWith(b, 0, requiredPrefix)) {
            throw new DataFormatException(file, 0, "not an " + requiredPrefix.substring(2) + " file (first line must start"
                    + " with '" + requiredPrefix + "')");
        }
        int pos = 0;
        while (pos < b.length && b[pos] == '#') {
            int eol = pos;
            while (eol < b.length && b[eol] != '\n') {
                eol++;
            }
            String line = new String(b, pos, eol - pos, java.nio.charset.StandardCharsets.US_ASCII).trim();
            pos = Math.min(b.length, eol + 1);
            if (endMarker != null && line.equals(endMarker)) {
                return pos;
            }
        }
        if (endMarker != null) {
            throw new DataFormatException(file, pos, "header has no '" + endMarker + "' line");
        }
        return pos;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        if (b.length < at + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
