package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Runtime of {@link QuantDense}: {@code out = spikes . Wq + b}. */
public class QuantDenseLayer extends QuantizedLayerImpl<QuantDense> {

    public QuantDenseLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected INDArray linearForward(INDArray spikes, INDArray weights, INDArray bias) {
        return forward(spikes, weights, bias);
    }

    @Override
    protected INDArray[] linearBackward(INDArray spikes, INDArray weights, INDArray epsilon) {
        return backward(spikes, weights, epsilon, layerConf().isHasBias());
    }

    /** {@code spikes . weights + bias} (no bias when null); weights {@code [in, out]}. */
    public static INDArray forward(INDArray spikes, INDArray weights, INDArray bias) {
        INDArray out = spikes.mmul(weights);
        return bias == null ? out : out.addiRowVector(bias);
    }

    /** Gradients of {@link #forward} w.r.t. spikes, weights and (when {@code hasBias}) bias. */
    public static INDArray[] backward(INDArray spikes, INDArray weights, INDArray epsilon, boolean hasBias) {
        INDArray gradIn = epsilon.mmul(weights.transpose());
        INDArray gradW = spikes.transpose().mmul(epsilon);
        INDArray gradB = hasBias ? epsilon.sum(true, 0) : null;
        return new INDArray[] {gradIn, gradW, gradB};
    }
}
