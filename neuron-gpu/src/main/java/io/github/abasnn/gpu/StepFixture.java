package io.github.abasnn.gpu;

import io.github.abasnn.plan.PlanSpec;
import io.github.abasnn.plan.UpdateRule;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
            FixtureArrays.write(o, plan);
            o.writeInt(iteration);
            o.writeInt(epoch);
            FixtureArrays.write(o, rules);
            o.writeUTF(bitTargets);
            FixtureArrays.write(o, penalties);
            FixtureArrays.write(o, featureShape);
            FixtureArrays.write(o, features);
            FixtureArrays.write(o, labelShape);
            FixtureArrays.write(o, labels);
            FixtureArrays.write(o, params);
            FixtureArrays.write(o, state);
            o.writeDouble(score);
            FixtureArrays.write(o, gradient);
            FixtureArrays.write(o, paramsAfter);
            FixtureArrays.write(o, stateAfter);
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
            PlanSpec plan = FixtureArrays.plan(in);
            int iteration = in.readInt();
            int epoch = in.readInt();
            List<UpdateRule> rules = FixtureArrays.rules(in);
            String targets = in.readUTF();
            double[] penalties = FixtureArrays.doubles(in);
            long[] featureShape = FixtureArrays.longs(in);
            float[] features = FixtureArrays.floats(in);
            long[] labelShape = FixtureArrays.longs(in);
            float[] labels = FixtureArrays.floats(in);
            float[] params = FixtureArrays.floats(in);
            float[] state = FixtureArrays.floats(in);
            double score = in.readDouble();
            StepFixture f = new StepFixture(plan, iteration, epoch, rules, targets, penalties, featureShape, features,
                    labelShape, labels, params, state, score, FixtureArrays.floats(in), FixtureArrays.floats(in),
                    FixtureArrays.floats(in));
            if (f.params.length != plan.length() || f.state.length != plan.stateLength()
                    || f.rules.size() != plan.slices().size()) {
                throw new IOException(file + ": its vectors do not match its plan's layout");
            }
            return f;
        } catch (java.io.EOFException e) {
            throw new IOException(file + " is cut short", e);
        }
    }
}
