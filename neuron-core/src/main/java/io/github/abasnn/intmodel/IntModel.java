package io.github.abasnn.intmodel;

import java.util.List;
import java.util.Map;

/**
 * An integer-only network: how 8-bit pixels enter the activation format (per channel, folding the training-split
 * standardisation), the ops in execution order, and the tensor that holds the logits.
 *
 * @param fractionBits the activation format's fraction bits {@code F} (a value {@code v} is {@code round(v 2^F)})
 * @param input        pixel (0..255) to activation, one channel per requantizer channel, one step
 * @param provenance   where the model came from (source checkpoint, network, dataset, code version, bit budget ...)
 */
public record IntModel(int fractionBits, int channels, int height, int width, int classes, Requant input,
                       List<IntOp> ops, String output, Map<String, String> provenance) {
    public static final String INPUT = "input";

    public IntModel {
        if (fractionBits < 0 || fractionBits > 30) {
            throw new IllegalArgumentException("fraction bits " + fractionBits + " outside 0..30");
        }
        if (input.channels() != channels || input.steps() != 1) {
            throw new IllegalArgumentException("input requantizer needs " + channels + " channels and one step");
        }
        ops = List.copyOf(ops);
        provenance = Map.copyOf(provenance);
        java.util.Set<String> known = new java.util.HashSet<>(List.of(INPUT));
        for (IntOp op : ops) {
            for (String in : op.inputs()) {
                if (!known.contains(in)) {
                    throw new IllegalArgumentException("op " + op.name() + " reads " + in + ", which no earlier op"
                            + " writes");
                }
            }
            if (!known.add(op.name())) {
                throw new IllegalArgumentException("two ops write " + op.name());
            }
        }
        if (!known.contains(output)) {
            throw new IllegalArgumentException("output " + output + " is not written by any op");
        }
    }

    /** Bytes of packed weight levels over all layers: {@code sum ceil(N_w * Bw / 8)}. */
    public long weightBytes() {
        return layers().mapToLong(l -> PackedLevels.bytes(l.levels().length, l.bits())).sum();
    }

    /** Weights over all layers. */
    public long weightCount() {
        return layers().mapToLong(l -> l.levels().length).sum();
    }

    /** {@code sum N_w * Bw} over all layers, in bits: what the learned allocation promises. */
    public long weightBits() {
        return layers().mapToLong(l -> (long) l.levels().length * l.bits()).sum();
    }

    private record Weights(byte[] levels, int bits) {}

    /** The weight levels and width of every spiking layer. */
    private java.util.stream.Stream<Weights> layers() {
        return ops.stream().map(op -> op instanceof IntOp.SpikingConv c ? new Weights(c.levels(), c.weightBits())
                : op instanceof IntOp.SpikingDense d ? new Weights(d.levels(), d.weightBits()) : null)
                .filter(java.util.Objects::nonNull);
    }
}
