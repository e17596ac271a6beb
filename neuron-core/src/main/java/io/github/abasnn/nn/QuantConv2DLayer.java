package io.github.abasnn.nn;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of {@link QuantConv2D}. The convolution runs through libnd4j's {@code conv2d}/{@code conv2d_bp} ops,
 * which use oneDNN on the CPU backend and cuDNN on CUDA.
 */
public class QuantConv2DLayer extends QuantizedLayerImpl<QuantConv2D> {

    public QuantConv2DLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** libnd4j's integer arguments: square kernel and stride, zero padding, NCHW, weights {@code [oC, iC, kH, kW]}. */
    private static int[] convArgs(int kernel, int stride, int padding) {
        // kH, kW, sH, sW, pH, pW, dH, dW, same-mode, data format (0 = NCHW), weight format (1 = [oC, iC, kH, kW])
        return new int[] {kernel, kernel, stride, stride, padding, padding, 1, 1, 0, 0, 1};
    }

    @Override
    protected INDArray linearForward(INDArray spikes, INDArray weights, INDArray bias) {
        QuantConv2D c = layerConf();
        return forward(spikes, weights, bias, c.getKernel(), c.getStride(), c.getPadding());
    }

    @Override
    protected INDArray[] linearBackward(INDArray spikes, INDArray weights, INDArray epsilon) {
        QuantConv2D c = layerConf();
        return backward(spikes, weights, c.isHasBias() ? getParam(QuantParams.BIAS) : null, epsilon, c.getKernel(),
                c.getStride(), c.getPadding());
    }

    /** The convolution of {@code spikes} with {@code weights} ({@code [oC, iC, k, k]}), plus {@code bias} if not null. */
    public static INDArray forward(INDArray spikes, INDArray weights, INDArray bias, int kernel, int stride,
                                   int padding) {
        long nOut = weights.size(0);
        long outH = (spikes.size(2) + 2L * padding - kernel) / stride + 1;
        long outW = (spikes.size(3) + 2L * padding - kernel) / stride + 1;
        INDArray out = Nd4j.create(spikes.dataType(), spikes.size(0), nOut, outH, outW);
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
        if (bias != null) {
            op.addInputs(spikes, weights, bias.reshape(nOut));
        } else {
            op.addInputs(spikes, weights);
        }
        Nd4j.exec(op.addOutputs(out).addIntegerArguments(convArgs(kernel, stride, padding)).build());
        return out;
    }

    /** Gradients of {@link #forward} w.r.t. spikes, weights and bias (null without bias). */
    public static INDArray[] backward(INDArray spikes, INDArray weights, INDArray bias, INDArray epsilon, int kernel,
                                      int stride, int padding) {
        long nOut = weights.size(0);
        INDArray gradIn = spikes.like();
        INDArray gradW = weights.like();
        INDArray eps = epsilon.ordering() == 'c' ? epsilon : epsilon.dup('c');
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp");
        INDArray gradB = null;
        if (bias != null) {
            gradB = Nd4j.create(spikes.dataType(), nOut);
            op.addInputs(spikes, weights, bias.reshape(nOut), eps).addOutputs(gradIn, gradW, gradB);
        } else {
            op.addInputs(spikes, weights, eps).addOutputs(gradIn, gradW);
        }
        Nd4j.exec(op.addIntegerArguments(convArgs(kernel, stride, padding)).build());
        return new INDArray[] {gradIn, gradW, gradB};
    }
}
