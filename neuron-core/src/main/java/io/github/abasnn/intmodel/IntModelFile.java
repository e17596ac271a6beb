package io.github.abasnn.intmodel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The integer model's file: {@code "ABSNNINT"}, a 16-bit format version, the payload's 64-bit length, the payload
 * and its CRC-32; big-endian throughout. The payload layout is in {@code docs/integer-model.md}. Reading checks the
 * magic, the version, the length and the checksum before it decodes anything, and every error names the file.
 */
public final class IntModelFile {
    public static final int VERSION = 1;
    private static final byte[] MAGIC = "ABSNNINT".getBytes(StandardCharsets.US_ASCII);
    private static final int CONV = 1;
    private static final int DENSE = 2;
    private static final int RELU = 3;
    private static final int ADD = 4;
    private static final int GLOBAL_AVG = 5;
    private static final int MAX_POOL = 6;

    private IntModelFile() {}

    /** The file's bytes. */
    public static byte[] encode(IntModel m) {
        try {
            ByteArrayOutputStream payload = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(payload);
            Map<String, String> prov = new TreeMap<>(m.provenance());
            out.writeShort(prov.size());
            for (Map.Entry<String, String> e : prov.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            out.writeByte(m.fractionBits());
            out.writeShort(m.channels());
            out.writeShort(m.height());
            out.writeShort(m.width());
            out.writeShort(m.classes());
            writeRequant(out, m.input());
            out.writeUTF(m.output());
            out.writeShort(m.ops().size());
            for (IntOp op : m.ops()) {
                writeOp(out, op);
            }
            out.flush();
            byte[] body = payload.toByteArray();
            ByteArrayOutputStream file = new ByteArrayOutputStream(body.length + 32);
            DataOutputStream f = new DataOutputStream(file);
            f.write(MAGIC);
            f.writeShort(VERSION);
            f.writeLong(body.length);
            f.write(body);
            CRC32 crc = new CRC32();
            crc.update(body);
            f.writeInt((int) crc.getValue());
            f.flush();
            return file.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e); // in-memory streams do not fail
        }
    }

    /** Writes atomically (a temporary file, then a move), so a reader never sees half a model. */
    public static void write(IntModel m, Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
        Files.write(tmp, encode(m));
        Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static IntModel read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("integer model " + file + " does not exist or is not a file");
        }
        return decode(Files.readAllBytes(file), file.toString());
    }

    /** Decodes {@code bytes}; {@code source} names them in errors. */
    public static IntModel decode(byte[] bytes, String source) throws IOException {
        int header = MAGIC.length + 2 + 8;
        if (bytes.length < header + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IOException(source + " is not an integer model (no ABSNNINT header)");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, bytes.length));
        int version = in.readUnsignedShort();
        if (version != VERSION) {
            throw new IOException(source + " has integer-model format version " + version + "; this build reads "
                    + VERSION);
        }
        long length = in.readLong();
        if (length != bytes.length - header - 4L) {
            throw new IOException(source + " is truncated or padded: the header promises " + length
                    + " payload bytes, the file holds " + (bytes.length - header - 4L));
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, header, (int) length);
        int stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if ((int) crc.getValue() != stored) {
            throw new IOException(source + " is corrupted: payload checksum " + Long.toHexString(crc.getValue())
                    + ", stored " + Integer.toHexString(stored));
        }
        DataInputStream p = new DataInputStream(new ByteArrayInputStream(bytes, header, (int) length));
        try {
            Map<String, String> prov = new TreeMap<>();
            int n = p.readUnsignedShort();
            for (int i = 0; i < n; i++) {
                prov.put(p.readUTF(), p.readUTF());
            }
            int fractionBits = p.readUnsignedByte();
            int channels = p.readUnsignedShort();
            int height = p.readUnsignedShort();
            int width = p.readUnsignedShort();
            int classes = p.readUnsignedShort();
            Requant input = readRequant(p);
            String output = p.readUTF();
            int count = p.readUnsignedShort();
            List<IntOp> ops = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ops.add(readOp(p));
            }
            if (p.available() != 0) {
                throw new IOException(p.available() + " bytes left after the last op");
            }
            return new IntModel(fractionBits, channels, height, width, classes, input, ops, output, prov);
        } catch (EOFException e) {
            throw new IOException(source + " ends inside its payload", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException(source + " is not a valid integer model: " + e.getMessage(), e);
        }
    }

    private static void writeOp(DataOutputStream out, IntOp op) throws IOException {
        if (op instanceof IntOp.SpikingConv c) {
            out.writeByte(CONV);
            out.writeUTF(c.name());
            out.writeUTF(c.input());
            out.writeInt(c.inChannels());
            out.writeInt(c.outChannels());
            out.writeByte(c.kernel());
            out.writeByte(c.stride());
            out.writeByte(c.padding());
            writeWeights(out, c.weightBits(), c.levels());
            writeNeuron(out, c.neuron());
            writeRequant(out, c.requant());
        } else if (op instanceof IntOp.SpikingDense d) {
            out.writeByte(DENSE);
            out.writeUTF(d.name());
            out.writeUTF(d.input());
            out.writeInt(d.inFeatures());
            out.writeInt(d.outFeatures());
            writeWeights(out, d.weightBits(), d.levels());
            writeNeuron(out, d.neuron());
            writeRequant(out, d.requant());
        } else if (op instanceof IntOp.Relu r) {
            out.writeByte(RELU);
            out.writeUTF(r.name());
            out.writeUTF(r.input());
        } else if (op instanceof IntOp.Add a) {
            out.writeByte(ADD);
            out.writeUTF(a.name());
            out.writeUTF(a.left());
            out.writeUTF(a.right());
        } else if (op instanceof IntOp.GlobalAvgPool g) {
            out.writeByte(GLOBAL_AVG);
            out.writeUTF(g.name());
            out.writeUTF(g.input());
        } else {
            IntOp.MaxPool m = (IntOp.MaxPool) op;
            out.writeByte(MAX_POOL);
            out.writeUTF(m.name());
            out.writeUTF(m.input());
            out.writeByte(m.kernel());
            out.writeByte(m.stride());
            out.writeByte(m.padding());
        }
    }

    private static IntOp readOp(DataInputStream in) throws IOException {
        int kind = in.readUnsignedByte();
        String name = in.readUTF();
        switch (kind) {
            case CONV -> {
                String src = in.readUTF();
                int ci = in.readInt();
                int co = in.readInt();
                int k = in.readUnsignedByte();
                int stride = in.readUnsignedByte();
                int pad = in.readUnsignedByte();
                int bits = in.readUnsignedByte();
                byte[] levels = readLevels(in, (long) ci * co * k * k, bits);
                return new IntOp.SpikingConv(name, src, ci, co, k, stride, pad, bits, levels, readNeuron(in),
                        readRequant(in));
            }
            case DENSE -> {
                String src = in.readUTF();
                int ni = in.readInt();
                int no = in.readInt();
                int bits = in.readUnsignedByte();
                byte[] levels = readLevels(in, (long) ni * no, bits);
                return new IntOp.SpikingDense(name, src, ni, no, bits, levels, readNeuron(in), readRequant(in));
            }
            case RELU -> {
                return new IntOp.Relu(name, in.readUTF());
            }
            case ADD -> {
                return new IntOp.Add(name, in.readUTF(), in.readUTF());
            }
            case GLOBAL_AVG -> {
                return new IntOp.GlobalAvgPool(name, in.readUTF());
            }
            case MAX_POOL -> {
                return new IntOp.MaxPool(name, in.readUTF(), in.readUnsignedByte(), in.readUnsignedByte(),
                        in.readUnsignedByte());
            }
            default -> throw new IOException("op " + name + " has unknown kind " + kind);
        }
    }

    private static void writeWeights(DataOutputStream out, int bits, byte[] levels) throws IOException {
        out.writeByte(bits);
        out.write(PackedLevels.pack(levels, bits));
    }

    private static byte[] readLevels(DataInputStream in, long count, int bits) throws IOException {
        if (count <= 0 || count > Integer.MAX_VALUE || bits < 1 || bits > 8) {
            throw new IOException(count + " weights of " + bits + " bits");
        }
        byte[] packed = new byte[PackedLevels.bytes(count, bits)];
        in.readFully(packed);
        return PackedLevels.unpack(packed, (int) count, bits);
    }

    private static void writeNeuron(DataOutputStream out, IntNeuron n) throws IOException {
        out.writeByte((n.signed() ? 1 : 0) | (n.floorFiring() ? 2 : 0));
        out.writeByte(n.timeSteps());
        for (int t = 0; t < n.timeSteps(); t++) {
            out.writeByte(n.bits()[t]);
            out.writeInt(n.thresholds()[t]);
        }
    }

    private static IntNeuron readNeuron(DataInputStream in) throws IOException {
        int flags = in.readUnsignedByte();
        int steps = in.readUnsignedByte();
        int[] bits = new int[steps];
        int[] thresholds = new int[steps];
        for (int t = 0; t < steps; t++) {
            bits[t] = in.readUnsignedByte();
            thresholds[t] = in.readInt();
        }
        return new IntNeuron((flags & 1) != 0, (flags & 2) != 0, bits, thresholds);
    }

    private static void writeRequant(DataOutputStream out, Requant r) throws IOException {
        out.writeInt(r.channels());
        out.writeByte(r.steps());
        for (int m : r.multipliers()) {
            out.writeInt(m);
        }
        for (int s : r.shifts()) {
            out.writeByte(s);
        }
        for (int b : r.bias()) {
            out.writeInt(b);
        }
    }

    private static Requant readRequant(DataInputStream in) throws IOException {
        int channels = in.readInt();
        int steps = in.readUnsignedByte();
        if (channels < 1 || channels > 1 << 20 || steps < 1) {
            throw new IOException("requantizer of " + channels + " channels and " + steps + " steps");
        }
        int[] m = new int[channels * steps];
        for (int i = 0; i < m.length; i++) {
            m[i] = in.readInt();
        }
        int[] s = new int[channels];
        for (int i = 0; i < channels; i++) {
            s[i] = in.readByte();
        }
        int[] b = new int[channels];
        for (int i = 0; i < channels; i++) {
            b[i] = in.readInt();
        }
        return new Requant(channels, steps, m, s, b);
    }
}
