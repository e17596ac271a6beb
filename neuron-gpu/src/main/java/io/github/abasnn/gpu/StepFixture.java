package io.github.abasnn.gpu;

import io.github.abasnn.plan.PlanSpec;
import io.github.abasnn.plan.UpdateRule;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * One full training step as the CPU plan computed it, for a device backend to reproduce: the plan ({@link PlanSpec}),
 * the step's iteration and every parameter's rule at it, the bit loss's targets and weights, the batch, the
 * parameters and updater state before the step, and what the step produced (score, gradient as batch sums with the
 * bit loss added, parameters and updater state after). Written here by {@code gpu.fixtures.StepFixtureWriter} (which
 * needs ND4J); read on the GPU machine, which has none.
 *
 * @param bitTargets W/S/T of the bit loss ({@code "2/2/1"}), or empty for a uniform network
 * @param penalties  the bit loss's weights for W, S and T
 */
public record StepFixture(PlanSpec plan, int iteration, int epoch, List<UpdateRule> rules, String bitTargets,
                          double[] penalties, long[] featureShape, float[] features, long[] labelShape,
                          float[] labels, float[] params, float[] state, double score, float[] gradient,
                          float[] paramsAfter, float[] stateAfter) {
    private static final String MAGIC = "ABA-STEP-1";

    public void write(Path file) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(
                Files.newOutputStream(file))))) {
            o.writeUTF(MAGIC);
            byte[] json = plan.toJson().getBytes(StandardCharsets.UTF_8);
            o.writeInt(json.length);
            o.write(json);
            o.writeInt(iteration);
            o.writeInt(epoch);
            o.writeInt(rules.size());
            for (UpdateRule r : rules) {
                o.writeUTF(r.kind().name());
                o.writeDouble(r.learningRate());
                o.writeDouble(r.momentum());
                o.writeDouble(r.l2());
                o.writeBoolean(r.divideByBatch());
            }
            o.writeUTF(bitTargets);
            doubles(o, penalties);
            longs(o, featureShape);
            floats(o, features);
            longs(o, labelShape);
            floats(o, labels);
            floats(o, params);
            floats(o, state);
            o.writeDouble(score);
            floats(o, gradient);
            floats(o, paramsAfter);
            floats(o, stateAfter);
        }
    }

    /** Reads a fixture; fails naming the file when it is not one or is cut short. */
    public static StepFixture read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException(file + " is not a step fixture (starts with " + magic + ")");
            }
            byte[] json = new byte[in.readInt()];
            in.readFully(json);
            PlanSpec plan = PlanSpec.fromJson(new String(json, StandardCharsets.UTF_8));
            int iteration = in.readInt();
            int epoch = in.readInt();
            int n = in.readInt();
            List<UpdateRule> rules = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                rules.add(new UpdateRule(UpdateRule.Kind.valueOf(in.readUTF()), in.readDouble(), in.readDouble(),
                        in.readDouble(), in.readBoolean()));
            }
            String targets = in.readUTF();
            double[] penalties = doubles(in);
            long[] featureShape = longs(in);
            float[] features = floats(in);
            long[] labelShape = longs(in);
            float[] labels = floats(in);
            float[] params = floats(in);
            float[] state = floats(in);
            double score = in.readDouble();
            StepFixture f = new StepFixture(plan, iteration, epoch, rules, targets, penalties, featureShape, features,
                    labelShape, labels, params, state, score, floats(in), floats(in), floats(in));
            if (f.params.length != plan.length() || f.state.length != plan.stateLength()
                    || f.rules.size() != plan.slices().size()) {
                throw new IOException(file + ": its vectors do not match its plan's layout");
            }
            return f;
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is cut short", e);
        }
    }

    private static void floats(DataOutputStream o, float[] v) throws IOException {
        o.writeInt(v.length);
        for (float f : v) {
            o.writeFloat(f);
        }
    }

    private static float[] floats(DataInputStream in) throws IOException {
        float[] v = new float[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readFloat();
        }
        return v;
    }

    private static void doubles(DataOutputStream o, double[] v) throws IOException {
        o.writeInt(v.length);
        for (double d : v) {
            o.writeDouble(d);
        }
    }

    private static double[] doubles(DataInputStream in) throws IOException {
        double[] v = new double[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readDouble();
        }
        return v;
    }

    private static void longs(DataOutputStream o, long[] v) throws IOException {
        o.writeInt(v.length);
        for (long d : v) {
            o.writeLong(d);
        }
    }

    private static long[] longs(DataInputStream in) throws IOException {
        long[] v = new long[in.readInt()];
        for (int i = 0; i < v.length; i++) {
            v[i] = in.readLong();
        }
        return v;
    }
}
