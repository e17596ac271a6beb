package io.github.abasnn.train;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Follows another schedule until an iteration, then answers 0: the parameter group stops learning there (its
 * momentum still carries it for a few steps, {@code mu^2/(1-mu)} times the last update in all).
 */
public final class FreezeAfter implements ISchedule {
    private final ISchedule schedule;
    private final int iteration;

    public FreezeAfter(@JsonProperty("schedule") ISchedule schedule, @JsonProperty("iteration") int iteration) {
        if (iteration < 0) {
            throw new IllegalArgumentException("freeze iteration must be >= 0, got " + iteration);
        }
        this.schedule = schedule;
        this.iteration = iteration;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return iteration >= this.iteration ? 0 : schedule.valueAt(iteration, epoch);
    }

    public ISchedule getSchedule() {
        return schedule;
    }

    public int getIteration() {
        return iteration;
    }

    @Override
    public ISchedule clone() {
        return new FreezeAfter(schedule.clone(), iteration);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FreezeAfter f && f.iteration == iteration && f.schedule.equals(schedule);
    }

    @Override
    public int hashCode() {
        return schedule.hashCode() * 31 + iteration;
    }
}
