package io.github.abasnn.sweep;

import io.github.abasnn.storage.HadoopData;
import io.github.abasnn.train.TrainConfig;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a trial is, whatever the spelling of its options: a hash of the parsed trainer configuration — every
 * {@link TrainConfig} component by name, values in their canonical form, so {@code 20} and {@code 20.0} or an option
 * left at its default and the default written out are one trial — and of the dataset's content
 * ({@link TrainConfig.Data#checksumOf}), never of where the data or the output lie or which device trained it. The code version is not part of
 * it: a trial
 * finished by other code is the same trial, recorded with that code's version (see the sweep's
 * {@code --rerun-on-code-change}).
 */
public final class TrialIdentity {
    /** Where the run reads, writes and computes, not what it is. */
    private static final java.util.Set<String> PLACES = java.util.Set.of("dataDir", "outDir", "device");
    /** The checksum of a dataset directory that does not exist (yet). */
    public static final String NO_DATA = "absent";

    private TrialIdentity() {}

    /** The 16-hex-digit id of {@code config} trained on data with {@code dataChecksum}, and {@code extras}. */
    public static String of(TrainConfig config, String dataChecksum, Map<String, String> extras) {
        return hash(canonical(config, dataChecksum, extras));
    }

    /** The text hashed: {@code name=value} lines in name order. */
    static String canonical(TrainConfig config, String dataChecksum, Map<String, String> extras) {
        SortedMap<String, String> fields = new TreeMap<>();
        flatten("", config, fields);
        fields.put("data", dataChecksum == null ? NO_DATA : dataChecksum);
        if (extras != null) {
            extras.forEach((k, v) -> fields.put("extra." + k, v));
        }
        StringBuilder s = new StringBuilder();
        fields.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        return s.toString();
    }

    private static void flatten(String prefix, Record r, SortedMap<String, String> out) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            if (prefix.isEmpty() && PLACES.contains(c.getName())) {
                continue;
            }
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
            }
            String name = prefix + c.getName();
            if (TrainConfig.isSection(c)) {
                flatten(prefix, (Record) v, out); // sections group options; the names stay the options' own
            } else if (v instanceof Record nested) {
                flatten(name + ".", nested, out);
            } else if (v instanceof Enum<?> e) {
                out.put(name, e.name());
            } else if (v instanceof String text && c.getName().equals("dataset")) {
                out.put(name, text.toLowerCase(java.util.Locale.ROOT));
            } else {
                out.put(name, String.valueOf(v)); // doubles print canonically: 20 and 20.0 are both 20.0
            }
        }
    }

    /**
     * The checksum of the dataset directory as a trial names it (a local path or a Hadoop URI, whose local copy is
     * checksummed); {@link #NO_DATA} when it does not exist.
     */
    public static String dataChecksum(String dataDir) {
        Path local;
        if (HadoopData.isRemote(dataDir)) {
            try {
                local = HadoopData.local(dataDir);
            } catch (RuntimeException e) {
                return NO_DATA;
            }
        } else {
            local = Path.of(dataDir.startsWith("file:") ? java.net.URI.create(dataDir).getPath() : dataDir);
        }
        return Files.exists(local) ? TrainConfig.Data.checksumOf(local) : NO_DATA;
    }

    static String hash(String canonical) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
