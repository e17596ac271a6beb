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

    private int[] convArgs() {
        QuantConv2D c = layerConf();
        // kH, kW, sH, sW, pH, pW, dH, dW, same-mode, data format (0 = NCHW), weight format (1 = [oC, iC, kH, kW])
        return new int[] {c.getKernel(), c.getKernel(), c.getStride(), c.getStride(), c.getPadding(), c.getPadding(),
                1, 1, 0, 0, 1};
    }

    @Override
    protected INDArray linearForward(INDArray spikes, INDArray weights, INDArray bias) {
        QuantConv2D c = layerConf();
        INDArray out = Nd4j.create(spikes.dataType(), spikes.size(0), c.getNOut(), c.outSize(spikes.size(2)),
                c.outSize(spikes.size(3)));
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d");
        if (bias != null) {
            op.addInputs(spikes, weights, bias.reshape(c.getNOut()));
        } else {
            op.addInputs(spikes, weights);
        }
        Nd4j.exec(op.addOutputs(out).addIntegerArguments(convArgs()).build());
        return out;
    }

    @Override
    protected INDArray[] linearBackward(INDArray spikes, INDArray weights, INDArray epsilon) {
        QuantConv2D c = layerConf();
        INDArray gradIn = spikes.like();
        INDArray gradW = weights.like();
        INDArray eps = epsilon.ordering() == 'c' ? epsilon : epsilon.dup('c');
        DynamicCustomOp.DynamicCustomOpsBuilder op = DynamicCustomOp.builder("conv2d_bp");
        INDArray gradB = null;
        if (c.isHasBias()) {
            gradB = Nd4j.create(spikes.dataType(), c.getNOut());
            op.addInputs(spikes, weights, getParam(QuantParams.BIAS).reshape(c.getNOut()), eps)
                    .addOutputs(gradIn, gradW, gradB);
        } else {
            op.addInputs(spikes, weights, eps).addOutputs(gradIn, gradW);
        }
        Nd4j.exec(op.addIntegerArguments(convArgs()).build());
        return new INDArray[] {gradIn, gradW, gradB};
    }
}
