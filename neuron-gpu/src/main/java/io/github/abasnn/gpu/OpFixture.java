package io.github.abasnn.gpu;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * One op recomputed on the CPU and stored for the device check ({@link GpuOpCheck}): its kind and settings, the inputs
 * and the CPU's outputs, in the precision the op ran in. Written by {@code OpFixtureWriter} where ND4J runs, read on
 * the GPU machine without it.
 *
 * @param kind       {@code time-free}, {@code event} or {@code weight}
 * @param precision  {@code f64} or {@code f32}
 * @param steps      step sizes (a weight quantizer: one)
 * @param bits       integer widths (a weight quantizer: one)
 * @param shape      the weights' shape (the step-gradient rule reads it); the elements per step for a neuron
 * @param input      x or w
 * @param gradOut    the upstream gradient
 * @param output     the CPU's forward output
 * @param gradIn     the CPU's input gradient
 * @param gradSteps  the CPU's step-size gradients (a weight quantizer: one, after its LSQ rule)
 * @param gradBits   the CPU's integer bit-width gradients
 * @param gradT      the CPU's T gradient (time-free; else 0)
 * @param nonzero    the CPU's nonzero spikes per step (a weight quantizer: none)
 */
public record OpFixture(String kind, String precision, boolean signed, double decay, double[] steps, int[] bits,
                        long[] shape, double[] input, double[] gradOut, double[] output, double[] gradIn,
                        double[] gradSteps, double[] gradBits, double gradT, long[] nonzero) {

    public void write(DataOutputStream out) throws IOException {
        out.writeUTF(kind);
        out.writeUTF(precision);
        out.writeBoolean(signed);
        out.writeDouble(decay);
        FixtureArrays.write(out, steps);
        out.writeInt(bits.length);
        for (int b : bits) {
            out.writeInt(b);
        }
        FixtureArrays.write(out, shape);
        for (double[] a : new double[][] {input, gradOut, output, gradIn, gradSteps, gradBits}) {
            FixtureArrays.write(out, a);
        }
        out.writeDouble(gradT);
        FixtureArrays.write(out, nonzero);
    }

    public static OpFixture read(DataInputStream in) throws IOException {
        String kind = in.readUTF();
        String precision = in.readUTF();
        boolean signed = in.readBoolean();
        double decay = in.readDouble();
        double[] steps = FixtureArrays.doubles(in);
        int[] bits = new int[in.readInt()];
        for (int i = 0; i < bits.length; i++) {
            bits[i] = in.readInt();
        }
        long[] shape = FixtureArrays.longs(in);
        double[][] a = new double[6][];
        for (int i = 0; i < 6; i++) {
            a[i] = FixtureArrays.doubles(in);
        }
        return new OpFixture(kind, precision, signed, decay, steps, bits, shape, a[0], a[1], a[2], a[3], a[4], a[5],
                in.readDouble(), FixtureArrays.longs(in));
    }
}
