package io.github.abasnn.gpu;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Length-prefixed arrays, and a step plan with its rules, in the fixture files ({@link OpFixture},
 * {@link StepFixture}, the bench's model): big-endian, as Java writes.
 */
public final class FixtureArrays {
    private FixtureArrays() {}

    /** The plan as its JSON, length-prefixed UTF-8. */
    public static void write(DataOutputStream out, io.github.abasnn.plan.PlanSpec plan) throws IOException {
        byte[] json = plan.toJson().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
    }

    public static io.github.abasnn.plan.PlanSpec plan(DataInputStream in) throws IOException {
        byte[] json = new byte[in.readInt()];
        in.readFully(json);
        return io.github.abasnn.plan.PlanSpec.fromJson(new String(json, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Each parameter's rule: kind, rate, momentum, L2, whether the batch divides. */
    public static void write(DataOutputStream out, java.util.List<io.github.abasnn.plan.UpdateRule> rules)
            throws IOException {
        out.writeInt(rules.size());
        for (io.github.abasnn.plan.UpdateRule r : rules) {
            out.writeUTF(r.kind().name());
            out.writeDouble(r.learningRate());
            out.writeDouble(r.momentum());
            out.writeDouble(r.l2());
            out.writeBoolean(r.divideByBatch());
        }
    }

    public static java.util.List<io.github.abasnn.plan.UpdateRule> rules(DataInputStream in) throws IOException {
        int n = in.readInt();
        java.util.List<io.github.abasnn.plan.UpdateRule> rules = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            rules.add(new io.github.abasnn.plan.UpdateRule(io.github.abasnn.plan.UpdateRule.Kind.valueOf(in.readUTF()),
                    in.readDouble(), in.readDouble(), in.readDouble(), in.readBoolean()));
        }
        return rules;
    }

    public static void write(DataOutputStream out, double[] v) throws IOException {
        out.writeInt(v.length);
        for (double d : v) {
            out.writeDouble(d);
        }
    }

    public static double[] doubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    public static void write(DataOutputStream out, float[] v) throws IOException {
        out.writeInt(v.length);
        for (float f : v) {
            out.writeFloat(f);
        }
    }

    public static float[] floats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    public static void write(DataOutputStream out, long[] v) throws IOException {
        out.writeInt(v.length);
        for (long d : v) {
            out.writeLong(d);
        }
    }

    public static long[] longs(DataInputStream in) throws IOException {
        long[] v = new long[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        return v;
    }
}
