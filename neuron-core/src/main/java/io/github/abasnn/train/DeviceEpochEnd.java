package io.github.abasnn.train;

import io.github.abasnn.data.Batches;
import io.github.abasnn.nn.QuantizedLayerImpl;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * An epoch fitter that also runs the epoch's end on its device: the recalibration pass ({@link Recalibration}'s
 * contract: training-mode forwards without updates, then batch norm's running statistics the average of the batch
 * statistics) and the evaluation ({@code Trainer}'s: accuracy on the test batches, each quantized layer's firing
 * counted into it). The trainer calls these instead of the CPU's when its fitter offers them; the graph's parameters
 * are read at the start and written back at the end, so checkpoints and reports see what the device computed.
 */
public interface DeviceEpochEnd {
    /** Recalibrates from up to {@code batches} training batches of {@code epoch}; 0 does nothing. */
    void recalibrate(ComputationGraph graph, Batches train, int epoch, int batches);

    /** Test accuracy of the graph's parameters, each layer's firing counted ({@code resetFiring} first). */
    double evaluate(ComputationGraph graph, Batches test, List<QuantizedLayerImpl<?>> layers);
}
