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

    /** The slice of {@code key} in {@code layer}; fails naming both when there is none. */
    public Slice slice(String layer, String key) {
        for (Slice s : slices) {
            if (s.layer().equals(layer) && s.key().equals(key)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no parameter " + key + " in layer " + layer);
    }
}
