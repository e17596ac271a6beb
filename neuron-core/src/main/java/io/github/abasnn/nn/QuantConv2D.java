package io.github.abasnn.nn;

import java.util.Collection;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.InputTypeUtil;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A refined spiking neuron followed by a convolution with quantized weights (NCHW, square kernel, no dilation).
 * With {@code frames > 0} the input is a time-major folded batch {@code [T*B, C, H, W]}.
 */
public class QuantConv2D extends QuantizedLayer implements WeightShaped {
    private int kernel = 3;
    private int stride = 1;
    private int padding = 1;

    public QuantConv2D() {}

    private QuantConv2D(Builder b) {
        super(b);
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.padding = b.padding;
        if (kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("layer " + getLayerName() + ": kernel " + kernel + ", stride " + stride
                    + ", padding " + padding + " is not a valid convolution");
        }
    }

    @Override
    public long[] weightShape() {
        return new long[] {getNOut(), getNIn(), kernel, kernel};
    }

    /** Output size along one spatial axis. */
    public long outSize(long in) {
        return (in + 2L * padding - kernel) / stride + 1;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray paramsView, boolean initializeParams, DataType dataType) {
        return wire(new QuantConv2DLayer(conf, dataType), conf, listeners, index, paramsView, initializeParams);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType in) {
        if (!(in instanceof InputType.InputTypeConvolutional)) {
            throw new IllegalArgumentException("layer " + getLayerName() + " needs convolutional input, got " + in);
        }
        InputType.InputTypeConvolutional c = (InputType.InputTypeConvolutional) in;
        long h = outSize(c.getHeight());
        long w = outSize(c.getWidth());
        if (h < 1 || w < 1) {
            throw new IllegalArgumentException("layer " + getLayerName() + ": input " + c.getHeight() + "x" + c.getWidth()
                    + " is too small for kernel " + kernel + ", padding " + padding);
        }
        return InputType.convolutional(h, w, getNOut());
    }

    @Override
    public void setNIn(InputType in, boolean override) {
        if (getNIn() <= 0 || override) {
            setNIn(((InputType.InputTypeConvolutional) in).getChannels());
        }
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType in) {
        return InputTypeUtil.getPreProcessorForInputTypeCnnLayers(in, getLayerName());
    }

    public int getKernel() { return kernel; }
    public void setKernel(int v) { kernel = v; }
    public int getStride() { return stride; }
    public void setStride(int v) { stride = v; }
    public int getPadding() { return padding; }
    public void setPadding(int v) { padding = v; }

    /** Builder: {@code new QuantConv2D.Builder().nOut(16).kernel(3).stride(1).padding(1).build()}. */
    public static class Builder extends QuantizedLayer.Builder<Builder> {
        int kernel = 3;
        int stride = 1;
        int padding = 1;

        public Builder kernel(int v) { kernel = v; return this; }
        public Builder stride(int v) { stride = v; return this; }
        public Builder padding(int v) { padding = v; return this; }

        @Override
        @SuppressWarnings("unchecked")
        public QuantConv2D build() {
            return new QuantConv2D(this);
        }
    }
}
