package io.github.abasnn.train;

import io.github.abasnn.data.Batches;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * How one epoch of training batches reaches the network: batch by batch in this JVM (the trainer's default), or
 * data-parallel across a cluster. Everything around the epoch — recalibration, evaluation, cost report, switch-off
 * rule, checkpoints, metrics — is the trainer's and the same either way.
 */
public interface EpochFitter {
    /**
     * Trains {@code graph} in place on every batch of {@code epoch} of {@code train}.
     *
     * @return the mean training loss over the epoch
     */
    double fit(ComputationGraph graph, Batches train, int epoch);
}
