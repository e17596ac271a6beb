package io.github.abasnn.nn;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A refined spiking neuron followed by a fully connected layer with quantized weights. */
public class QuantDense extends QuantizedLayer implements WeightShaped {

    public QuantDense() {}

    private QuantDense(Builder b) {
        super(b);
    }

    @Override
    public long[] weightShape() {
        return new long[] {getNIn(), getNOut()};
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return wire(new QuantDenseLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType in) {
        return InputType.feedForward(getNOut());
    }

    @Override
    public void setNIn(InputType in, boolean override) {
        if (getNIn() <= 0 || override) {
            setNIn(in.arrayElementsPerExample());
        }
    }

    /** Builder: {@code new QuantDense.Builder().nOut(10).hasBias(true).build()}. */
    public static class Builder extends QuantizedLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public QuantDense build() {
            return new QuantDense(this);
        }
    }
}
