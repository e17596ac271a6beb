package io.github.abasnn.train;

import io.github.abasnn.nn.BatchNormHelper;
import io.github.abasnn.nn.BatchNormHelperInstaller;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;

/**
 * The runtime helpers DL4J does not save with a network (the batch-norm helper that computes the batch's statistics
 * in Java): every JVM that trains a network installs them, the trainer's, an averaging worker's and a restored one's.
 */
public final class NetworkRuntime {
    private NetworkRuntime() {}

    /** Installs the helpers into {@code graph} (again after a restore: they are not saved). */
    public static void install(ComputationGraph graph) {
        BatchNormHelper.install(graph);
    }

    /** A listener that installs them into networks built where the caller cannot reach (dl4j-spark's workers). */
    public static TrainingListener installerForRebuiltNetworks() {
        return new BatchNormHelperInstaller();
    }
}
