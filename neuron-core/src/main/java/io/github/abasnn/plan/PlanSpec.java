package io.github.abasnn.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/**
 * A step plan as a backend without ND4J or DL4J reads it (the device check's carry has neither): the ops over
 * numbered values and where each parameter and its updater state lie in the flat vectors. The rules a step applies
 * ({@link UpdateRule}) are evaluated by the host for each step and travel beside it. Written by
 * {@code StepPlan.spec()}; nothing here reaches ND4J or DL4J (neuron-gpu's {@code DeviceClassesTest}).
 */
public record PlanSpec(List<PlanOp> ops, int values, int loss, List<Slice> slices, long length, long stateLength) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    /** One parameter's place in the flat parameter and updater-state vectors. */
    public record Slice(String layer, String key, long offset, long length, long stateOffset, long stateLength) {}

    public PlanSpec {
        ops = List.copyOf(ops);
        slices = List.copyOf(slices);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the plan as JSON", e);
        }
    }

    /** Reads a plan written by {@link #toJson}; fails naming what is malformed. */
    public static PlanSpec fromJson(String json) {
        try {
            return JSON.readValue(json, PlanSpec.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a step plan: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * The shape of every value for a batch of {@code input}'s shape (value 0), batch first: what a backend allocates
     * before it runs the ops. Fails naming the op whose input does not fit it.
     */
    public long[][] shapes(long[] input) {
        long[][] shape = new long[values][];
        shape[0] = input.clone();
        for (PlanOp op : ops) {
            long[] in = shape[op.inputs()[0]];
            shape[op.output()] = outputShape(op, in);
        }
        return shape;
    }

    private static long[] outputShape(PlanOp op, long[] in) {
        if (op instanceof PlanOp.QuantLinear q) {
            if (q.linear() instanceof PlanOp.Conv c) {
                require(op, in, 4);
                return new long[] {in[0], c.out(), c.outSize(in[2]), c.outSize(in[3])};
            }
            require(op, in, 2);
            return new long[] {in[0], ((PlanOp.Dense) q.linear()).out()};
        } else if (op instanceof PlanOp.GlobalAvgPool) {
            require(op, in, 4);
            return new long[] {in[0], in[1]};
        } else if (op instanceof PlanOp.Pool p) {
            require(op, in, 4);
            return new long[] {in[0], in[1], p.outSize(in[2]), p.outSize(in[3])};
        } else if (op instanceof PlanOp.Flatten) {
            long rest = 1;
            for (int i = 1; i < in.length; i++) {
                rest *= in[i];
            }
            return new long[] {in[0], rest};
        } else if (op instanceof PlanOp.TimeFold f) {
            long[] out = in.clone();
            out[0] = in[0] * f.frames();
            out[1] = in[1] / f.frames();
            return out;
        } else if (op instanceof PlanOp.TimeMean m) {
            require(op, in, 2);
            return new long[] {in[0] / m.frames(), in[1]};
        }
        return in.clone(); // batch norm, ReLU, add, softmax: elementwise
    }

    private static void require(PlanOp op, long[] in, int rank) {
        if (in.length != rank) {
            throw new IllegalArgumentException("op " + op.name() + " takes rank " + rank + " input, got "
                    + java.util.Arrays.toString(in));
        }
    }
}
