package io.github.abasnn.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine annealing from {@code initial} to 0 over {@code totalIterations} (method.md §7's "cosine to 0"), counted
 * in iterations so that short runs anneal smoothly within an epoch.
 */
public final class CosineSchedule implements ISchedule {
    private final double initial;
    private final int totalIterations;

    public CosineSchedule(@JsonProperty("initial") double initial,
                          @JsonProperty("totalIterations") int totalIterations) {
        if (totalIterations < 1) {
            throw new IllegalArgumentException("cosine schedule needs totalIterations >= 1, got " + totalIterations);
        }
        this.initial = initial;
        this.totalIterations = totalIterations;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        double progress = Math.min(1.0, (double) iteration / totalIterations);
        return initial * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    public double getInitial() {
        return initial;
    }

    public int getTotalIterations() {
        return totalIterations;
    }

    @Override
    public ISchedule clone() {
        return new CosineSchedule(initial, totalIterations);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineSchedule c && c.initial == initial && c.totalIterations == totalIterations;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initial) * 31 + totalIterations;
    }
}
