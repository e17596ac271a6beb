package io.github.abasnn.gpu.bench;

import io.github.abasnn.gpu.FixtureArrays;
import io.github.abasnn.plan.PlanSpec;
import io.github.abasnn.plan.UpdateRule;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * A network the GPU bench trains, compact enough to carry at the paper's width: its plan, every parameter's rule, the
 * bit loss, and its parameters after LSQ initialisation except the weights, which are stored as each weight tensor's
 * standard deviation and drawn again from a seed (the speed of a step does not depend on their values; the step
 * sizes, bits, batch-norm and renewal state it does depend on are the CPU's own). Written here by
 * {@code gpu.fixtures.BenchModelWriter}, read on the GPU machine without ND4J.
 *
 * @param input one example's shape ({@code [C, H, W]})
 * @param weightStd per slice of the plan: the weights' standard deviation, or NaN where {@code params} holds it
 */
public record BenchModel(String name, PlanSpec plan, List<UpdateRule> rules, String bitTargets, double[] penalties,
                         long[] input, int classes, float[] params, double[] weightStd) {
    private static final String MAGIC = "ABA-BENCH-1";

    /** The parameters with every weight tensor drawn from N(0, std) by {@code seed}. */
    public float[] parameters(long seed) {
        float[] p = params.clone();
        Random r = new Random(seed);
        List<PlanSpec.Slice> slices = plan.slices();
        for (int i = 0; i < slices.size(); i++) {
            if (!Double.isNaN(weightStd[i])) {
                PlanSpec.Slice s = slices.get(i);
                for (long k = s.offset(); k < s.offset() + s.length(); k++) {
                    p[(int) k] = (float) (r.nextGaussian() * weightStd[i]);
                }
            }
        }
        return p;
    }

    public void write(Path file) throws IOException {
        try (DataOutputStream o = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(
                Files.newOutputStream(file))))) {
            o.writeUTF(MAGIC);
            o.writeUTF(name);
            FixtureArrays.write(o, plan);
            FixtureArrays.write(o, rules);
            o.writeUTF(bitTargets);
            FixtureArrays.write(o, penalties);
            FixtureArrays.write(o, input);
            o.writeInt(classes);
            FixtureArrays.write(o, weightStd);
            // everything but the weights, slice by slice
            List<PlanSpec.Slice> slices = plan.slices();
            List<Float> kept = new ArrayList<>();
            for (int i = 0; i < slices.size(); i++) {
                if (Double.isNaN(weightStd[i])) {
                    PlanSpec.Slice s = slices.get(i);
                    for (long k = s.offset(); k < s.offset() + s.length(); k++) {
                        kept.add(params[(int) k]);
                    }
                }
            }
            float[] values = new float[kept.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = kept.get(i);
            }
            FixtureArrays.write(o, values);
        }
    }

    /** Reads a bench model; fails naming the file when it is not one or is cut short. */
    public static BenchModel read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(
                Files.newInputStream(file))))) {
            String magic = in.readUTF();
            if (!MAGIC.equals(magic)) {
                throw new IOException(file + " is not a bench model (starts with " + magic + ")");
            }
            String name = in.readUTF();
            PlanSpec plan = FixtureArrays.plan(in);
            List<UpdateRule> rules = FixtureArrays.rules(in);
            String targets = in.readUTF();
            double[] penalties = FixtureArrays.doubles(in);
            long[] input = FixtureArrays.longs(in);
            int classes = in.readInt();
            double[] std = FixtureArrays.doubles(in);
            float[] values = FixtureArrays.floats(in);
            if (std.length != plan.slices().size() || rules.size() != plan.slices().size()) {
                throw new IOException(file + ": its rules and weights do not match its plan's layout");
            }
            float[] params = new float[(int) plan.length()];
            int at = 0;
            for (int i = 0; i < std.length; i++) {
                if (Double.isNaN(std[i])) {
                    PlanSpec.Slice s = plan.slices().get(i);
                    if (at + s.length() > values.length) {
                        throw new IOException(file + " is cut short in " + s.layer() + "/" + s.key());
                    }
                    System.arraycopy(values, at, params, (int) s.offset(), (int) s.length());
                    at += (int) s.length();
                }
            }
            return new BenchModel(name, plan, rules, targets, penalties, input, classes, params, std);
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is cut short", e);
        }
    }
}
