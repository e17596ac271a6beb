package io.github.abasnn.distributed;

import io.github.abasnn.train.NetworkRuntime;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Networks built ahead on an executor for the averaging workers: building one from the configuration (in a fresh
 * JVM especially) costs far more than writing a snapshot's values into one already built. Only untrained networks
 * are parked — a trained one may carry state outside its parameters that the driver's network does not have — kept
 * per configuration (the JSON without its counters); parking one of another configuration lets the earlier ones go.
 */
final class WorkerNetworks {
    private static final Map<String, Deque<ComputationGraph>> IDLE = new ConcurrentHashMap<>();

    private WorkerNetworks() {}

    /** A network equal to {@code snapshot}'s: an idle one of the same configuration if there is one, else new. */
    static ComputationGraph take(ModelSnapshot snapshot) {
        Deque<ComputationGraph> idle = IDLE.get(snapshot.configurationJson());
        ComputationGraph graph = idle == null ? null : idle.pollFirst();
        if (graph == null) {
            graph = snapshot.restore();
            NetworkRuntime.install(graph);
        } else {
            snapshot.installInto(graph);
        }
        return graph;
    }

    /**
     * Builds a network from {@code snapshot} and keeps it for a later {@link #take}, unless this JVM already keeps as
     * many of that configuration as it has cores (more than its tasks could take at once, e.g. after repeated fits).
     */
    static void prepare(ModelSnapshot snapshot) {
        IDLE.keySet().removeIf(k -> !k.equals(snapshot.configurationJson()));
        Deque<ComputationGraph> idle = IDLE.computeIfAbsent(snapshot.configurationJson(),
                k -> new ConcurrentLinkedDeque<>());
        if (idle.size() >= Runtime.getRuntime().availableProcessors()) {
            return;
        }
        ComputationGraph graph = snapshot.restore();
        NetworkRuntime.install(graph);
        idle.addLast(graph);
    }
}
