package io.github.abasnn.intmodel;

import io.github.abasnn.kernel.FusedWeightQuantizer;
import io.github.abasnn.nn.QuantConv2D;
import io.github.abasnn.nn.QuantDense;
import io.github.abasnn.nn.QuantParams;
import io.github.abasnn.nn.QuantizedLayer;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.quant.Firing;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Turns a trained network into an {@link IntModel}. Per quantized layer: the weights become their integer levels
 * at the learned width (the same quantizer the network evaluates with), each computed step's threshold
 * {@code g_t} becomes a fixed-point integer, and {@code a g_t / T} times the following batch norm's per-channel
 * gain becomes the requantizer; the batch norm's shift (and a layer bias) becomes the requantizer's bias. The pixel
 * standardisation of the training split is folded into the input requantizer. Anything without an integer form
 * (event frames, a leak, a lone batch norm, other activations) is refused, naming the vertex.
 */
public final class IntExporter {
    private IntExporter() {}

    /**
     * @param height       image height the network takes (its input type is not kept in the configuration)
     * @param mean         per-channel mean of pixels scaled to [0, 1], as the network was trained with
     * @param std          per-channel standard deviation, likewise
     * @param fractionBits the activation format's fraction bits
     */
    public static IntModel export(ComputationGraph graph, int height, int width, float[] mean, float[] std,
                                  int fractionBits, Map<String, String> provenance) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        int channels = mean.length;
        if (std.length != channels || conf.getNetworkInputs().size() != 1) {
            throw new IllegalArgumentException("integer export needs one image input and one mean and std per"
                    + " channel");
        }
        Map<String, List<String>> consumers = consumers(conf);
        Map<String, String> tensor = new HashMap<>(); // graph vertex -> tensor holding its output
        tensor.put(conf.getNetworkInputs().get(0), IntModel.INPUT);
        List<IntOp> ops = new ArrayList<>();
        String output = null;
        int classes = 0;
        for (int i : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex v = graph.getVertices()[i];
            String name = v.getVertexName();
            if (tensor.containsKey(name)) {
                continue; // the input, or a batch norm folded into its layer
            }
            GraphVertex vc = conf.getVertices().get(name);
            List<String> inputs = conf.getVertexInputs().get(name);
            if (vc instanceof ElementWiseVertex ew) {
                if (ew.getOp() != ElementWiseVertex.Op.Add || inputs.size() != 2) {
                    throw unsupported(name, "element-wise " + ew.getOp() + " of " + inputs.size() + " inputs");
                }
                ops.add(new IntOp.Add(name, tensor.get(inputs.get(0)), tensor.get(inputs.get(1))));
                tensor.put(name, name);
                continue;
            }
            if (!(vc instanceof LayerVertex lv)) {
                throw unsupported(name, vc.getClass().getSimpleName()
                        + " (event-data networks have no integer export)");
            }
            Layer layer = lv.getLayerConf().getLayer();
            String src = tensor.get(inputs.get(0));
            if (layer instanceof QuantizedLayer q) {
                String bn = foldedNorm(conf, consumers, name);
                ops.add(spiking(graph, (QuantizedLayerImpl<?>) v.getLayer(), q, bn, name, src, fractionBits));
                tensor.put(name, name);
                if (bn != null) {
                    tensor.put(bn, name); // the op's output is the batch norm's
                }
                if (q instanceof QuantDense d) {
                    classes = (int) d.getNOut();
                }
            } else if (layer instanceof ActivationLayer a) {
                if (!(a.getActivationFn() instanceof ActivationReLU)) {
                    throw unsupported(name, "activation " + a.getActivationFn());
                }
                ops.add(new IntOp.Relu(name, src));
                tensor.put(name, name);
            } else if (layer instanceof GlobalPoolingLayer gp) {
                if (gp.getPoolingType() != PoolingType.AVG) {
                    throw unsupported(name, "global " + gp.getPoolingType() + " pooling");
                }
                ops.add(new IntOp.GlobalAvgPool(name, src));
                tensor.put(name, name);
            } else if (layer instanceof SubsamplingLayer s) {
                ops.add(maxPool(name, s, src));
                tensor.put(name, name);
            } else if (layer instanceof LossLayer || layer instanceof BaseOutputLayer) {
                if (layer instanceof BaseOutputLayer) {
                    throw unsupported(name, "an output layer with weights");
                }
                output = src; // softmax does not change the argmax
                tensor.put(name, src);
            } else if (layer instanceof BatchNormalization) {
                throw unsupported(name, "a batch norm that does not directly follow a quantized layer");
            } else {
                throw unsupported(name, layer.getClass().getSimpleName());
            }
        }
        if (output == null) {
            throw new IllegalArgumentException("the network has no loss layer to take the logits from");
        }
        double[][] scale = new double[channels][1];
        double[] offset = new double[channels];
        for (int c = 0; c < channels; c++) {
            scale[c][0] = 1.0 / (255.0 * std[c]);
            offset[c] = -mean[c] / (double) std[c];
        }
        return new IntModel(fractionBits, channels, height, width, classes,
                Requant.of(scale, offset, fractionBits), ops, output, provenance);
    }

    private static IntOp spiking(ComputationGraph graph, QuantizedLayerImpl<?> impl, QuantizedLayer q, String bn,
                                 String opName, String src, int fractionBits) {
        String name = q.getLayerName();
        if (q.getFrames() > 0) {
            throw unsupported(name, "a layer over event frames");
        }
        if (q.getDecay() != 1.0) {
            throw unsupported(name, "a leaky neuron (decay " + q.getDecay() + "); the integer neuron has leak 1");
        }
        QuantizedLayerImpl.Neuron n = impl.neuron();
        int steps = n.timeSteps();
        if (n.weightBits() > 8) {
            throw new IllegalArgumentException("layer " + name + ": weight bits " + n.weightBits()
                    + " exceed the integer format's 8");
        }
        int[] bits = new int[steps];
        int[] thresholds = new int[steps];
        for (int t = 0; t < steps; t++) {
            bits[t] = n.bits()[t];
            thresholds[t] = FixedPoint.toFixed(n.steps()[t], fractionBits);
            if (thresholds[t] <= 0) {
                throw new IllegalArgumentException("layer " + name + ": threshold " + n.steps()[t] + " of step " + t
                        + " rounds to 0 at " + fractionBits + " fraction bits; export with more");
            }
        }
        IntNeuron neuron = new IntNeuron(q.isFirst(), q.getFiring() == Firing.FLOOR, bits, thresholds);
        byte[] levels = weightLevels(impl, n);
        int out = (int) q.getNOut();
        double[] gain = new double[out];
        double[] shift = new double[out];
        java.util.Arrays.fill(gain, 1.0);
        double[] bias = q.isHasBias() ? impl.getParam(QuantParams.BIAS).reshape(out).toDoubleVector() : new double[out];
        if (bn != null) {
            normAffine(graph, bn, gain, shift);
        }
        double[][] scale = new double[out][steps];
        double[] offset = new double[out];
        for (int c = 0; c < out; c++) {
            for (int t = 0; t < steps; t++) {
                scale[c][t] = gain[c] * n.weightStep() * n.steps()[t] / steps;
            }
            offset[c] = gain[c] * bias[c] + shift[c];
        }
        Requant requant;
        try {
            requant = Requant.of(scale, offset, fractionBits);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("layer " + name + ": " + e.getMessage(), e);
        }
        if (q instanceof QuantConv2D c) {
            return new IntOp.SpikingConv(opName, src, (int) c.getNIn(), out, c.getKernel(), c.getStride(),
                    c.getPadding(), n.weightBits(), levels, neuron, requant);
        }
        return new IntOp.SpikingDense(opName, src, (int) q.getNIn(), out, n.weightBits(), levels, neuron, requant);
    }

    /** Integer weight levels from the quantizer the layer evaluates with (so ties round as in the network). */
    private static byte[] weightLevels(QuantizedLayerImpl<?> impl, QuantizedLayerImpl.Neuron n) {
        INDArray w = impl.getParam(QuantParams.WEIGHTS).castTo(DataType.DOUBLE).dup('c');
        INDArray wq = Nd4j.createUninitialized(DataType.DOUBLE, w.shape(), 'c');
        FusedWeightQuantizer.forward(w, wq, n.weightStep(), n.weightBits());
        double[] q = wq.reshape(-1).toDoubleVector();
        byte[] levels = new byte[q.length];
        for (int i = 0; i < q.length; i++) {
            levels[i] = (byte) Math.round(q[i] / n.weightStep());
        }
        return levels; // the parameter view is already [out][in][k][k] (conv) or [in][out] (dense), c order
    }

    /** Batch norm at inference as {@code gain * x + shift} per channel (DL4J keeps log10 std without eps). */
    private static void normAffine(ComputationGraph graph, String bnName, double[] gain, double[] shift) {
        org.deeplearning4j.nn.api.Layer l = graph.getLayer(bnName);
        BatchNormalization bn = (BatchNormalization) l.conf().getLayer();
        int c = gain.length;
        double[] mean = l.getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN).reshape(c).toDoubleVector();
        double[] var;
        if (bn.isUseLogStd()) {
            double[] logStd = l.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD).reshape(c).toDoubleVector();
            var = new double[c];
            for (int i = 0; i < c; i++) {
                double s = Math.pow(10, logStd[i]);
                var[i] = s * s;
            }
        } else {
            var = l.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR).reshape(c).toDoubleVector();
        }
        double[] gamma;
        double[] beta;
        if (bn.isLockGammaBeta()) {
            gamma = new double[c];
            beta = new double[c];
            java.util.Arrays.fill(gamma, bn.getGamma());
            java.util.Arrays.fill(beta, bn.getBeta());
        } else {
            gamma = l.getParam(BatchNormalizationParamInitializer.GAMMA).reshape(c).toDoubleVector();
            beta = l.getParam(BatchNormalizationParamInitializer.BETA).reshape(c).toDoubleVector();
        }
        for (int i = 0; i < c; i++) {
            gain[i] = gamma[i] / Math.sqrt(var[i] + bn.getEps());
            shift[i] = beta[i] - mean[i] * gain[i];
        }
    }

    /** The batch norm that is the only consumer of {@code layer} and reads nothing else, if any. */
    static String foldedNorm(ComputationGraphConfiguration conf, Map<String, List<String>> consumers,
                                     String layer) {
        List<String> next = consumers.getOrDefault(layer, List.of());
        if (next.size() != 1 || conf.getNetworkOutputs().contains(layer)) {
            return null;
        }
        String bn = next.get(0);
        return conf.getVertices().get(bn) instanceof LayerVertex lv
                && lv.getLayerConf().getLayer() instanceof BatchNormalization
                && conf.getVertexInputs().get(bn).size() == 1 ? bn : null;
    }

    private static IntOp.MaxPool maxPool(String name, SubsamplingLayer s, String src) {
        int[] k = s.getKernelSize();
        int[] st = s.getStride();
        int[] p = s.getPadding();
        if (s.getPoolingType() != PoolingType.MAX) {
            throw unsupported(name, s.getPoolingType() + " pooling");
        }
        if (k[0] != k[1] || st[0] != st[1] || p[0] != p[1] || s.getConvolutionMode() == ConvolutionMode.Same
                || s.getDilation()[0] != 1 || s.getDilation()[1] != 1) {
            throw unsupported(name, "non-square, dilated or 'same' pooling");
        }
        return new IntOp.MaxPool(name, src, k[0], st[0], p[0]);
    }

    static Map<String, List<String>> consumers(ComputationGraphConfiguration conf) {
        Map<String, List<String>> out = new HashMap<>();
        conf.getVertexInputs().forEach((v, ins) -> ins.forEach(in -> out.computeIfAbsent(in, k -> new ArrayList<>())
                .add(v)));
        return out;
    }

    private static IllegalArgumentException unsupported(String vertex, String what) {
        return new IllegalArgumentException("vertex " + vertex + ": " + what + " has no integer form");
    }
}
