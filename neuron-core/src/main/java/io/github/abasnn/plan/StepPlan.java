package io.github.abasnn.plan;

import io.github.abasnn.nn.FusedRelu;
import io.github.abasnn.nn.QuantConv2D;
import io.github.abasnn.nn.QuantDense;
import io.github.abasnn.nn.QuantizedLayer;
import io.github.abasnn.nn.TimeFoldVertex;
import io.github.abasnn.nn.TimeMeanVertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * A network's training step as ops in execution order over numbered values, and the layout of its parameters and
 * updater state ({@link ParamLayout}). Derived from an initialised DL4J graph by {@link #of}; the graph itself is not
 * kept, so a plan can be run by a backend that has no DL4J objects (the device's).
 *
 * @param values   how many values the step has (value 0: the input)
 * @param loss     the value holding the softmax of the loss op (the last op)
 */
public record StepPlan(List<PlanOp> ops, ParamLayout layout, int values, int loss,
                       Map<String, QuantizedLayer> quantizedConfs) {

    public StepPlan {
        ops = List.copyOf(ops);
        quantizedConfs = Map.copyOf(quantizedConfs);
    }

    /** DL4J's configuration of the quantized layer {@code name} (what its renewal search reads). */
    public QuantizedLayer conf(String name) {
        QuantizedLayer c = quantizedConfs.get(name);
        if (c == null) {
            throw new IllegalArgumentException("no quantized layer " + name + " in the plan");
        }
        return c;
    }

    /** The plan of {@code graph}'s training step; fails naming the first vertex or option the plan has no op for. */
    public static StepPlan of(ComputationGraph graph) {
        if (graph.getConfiguration().getNetworkInputs().size() != 1
                || graph.getConfiguration().getNetworkOutputs().size() != 1) {
            throw new IllegalArgumentException("a step plan takes a graph with one input and one output, got "
                    + graph.getConfiguration().getNetworkInputs() + " -> " + graph.getConfiguration().getNetworkOutputs());
        }
        GraphVertex[] vertices = graph.getVertices();
        Map<Integer, Integer> valueOf = new HashMap<>();
        List<PlanOp> ops = new ArrayList<>();
        ParamLayout.Builder layout = new ParamLayout.Builder();
        int values = 0;
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            String name = v.getVertexName();
            if (v.isInputVertex()) {
                valueOf.put(index, values++);
                continue;
            }
            VertexIndices[] in = v.getInputVertices();
            int[] inputs = new int[in.length];
            for (int i = 0; i < in.length; i++) {
                inputs[i] = valueOf.get(in[i].getVertexIndex());
            }
            org.deeplearning4j.nn.conf.graph.GraphVertex conf = graph.getConfiguration().getVertices().get(name);
            if (conf instanceof LayerVertex lv) {
                int input = inputs[0];
                InputPreProcessor pre = lv.getPreProcessor();
                if (pre instanceof CnnToFeedForwardPreProcessor cnn && cnn.getFormat() == CNN2DFormat.NCHW) {
                    ops.add(new PlanOp.Flatten(name + "_flatten", input, values));
                    input = values++;
                } else if (pre != null) {
                    throw unsupported(name, "input preprocessor " + pre.getClass().getSimpleName());
                }
                Layer layer = v.getLayer();
                addParams(layout, name, layer);
                ops.add(layerOp(name, lv.getLayerConf().getLayer(), input, values));
            } else if (conf instanceof ElementWiseVertex ew && ew.getOp() == ElementWiseVertex.Op.Add
                    && inputs.length == 2) {
                ops.add(new PlanOp.Add(name, inputs[0], inputs[1], values));
            } else if (conf instanceof TimeFoldVertex fold) {
                ops.add(new PlanOp.TimeFold(name, inputs[0], values, fold.getFrames()));
            } else if (conf instanceof TimeMeanVertex mean) {
                ops.add(new PlanOp.TimeMean(name, inputs[0], values, mean.getFrames()));
            } else {
                throw unsupported(name, conf.getClass().getSimpleName());
            }
            valueOf.put(index, values++);
        }
        if (!(ops.get(ops.size() - 1) instanceof PlanOp.SoftmaxCrossEntropy last)) {
            throw new IllegalArgumentException("a step plan needs the softmax cross-entropy loss as the graph's output,"
                    + " got " + ops.get(ops.size() - 1).name());
        }
        Map<String, QuantizedLayer> confs = new HashMap<>();
        for (PlanOp op : ops) {
            if (op instanceof PlanOp.QuantLinear q) {
                confs.put(q.name(), (QuantizedLayer) graph.getLayer(q.name()).conf().getLayer());
            }
        }
        return new StepPlan(ops, layout.build(), values, last.output(), confs);
    }

    private static PlanOp layerOp(String name, org.deeplearning4j.nn.conf.layers.Layer c, int input, int output) {
        if (c instanceof QuantConv2D q) {
            return new PlanOp.QuantLinear(name, input, output,
                    new PlanOp.Conv(q.getKernel(), q.getStride(), q.getPadding(), q.getNOut()), spec(q));
        }
        if (c instanceof QuantDense q) {
            return new PlanOp.QuantLinear(name, input, output, new PlanOp.Dense(q.getNOut()), spec(q));
        }
        if (c instanceof BatchNormalization bn) {
            if (bn.isLockGammaBeta() || bn.getCnn2DFormat() != CNN2DFormat.NCHW) {
                throw unsupported(name, "batch norm with locked gamma/beta or NHWC");
            }
            return new PlanOp.BatchNorm(name, input, output, bn.getEps(), bn.getDecay(), bn.isUseLogStd());
        }
        if (c instanceof ActivationLayer a && a.getActivationFn() instanceof FusedRelu) {
            return new PlanOp.Relu(name, input, output);
        }
        if (c instanceof GlobalPoolingLayer p && p.getPoolingType() == PoolingType.AVG && p.isCollapseDimensions()) {
            return new PlanOp.GlobalAvgPool(name, input, output);
        }
        if (c instanceof SubsamplingLayer s && (s.getPoolingType() == PoolingType.AVG
                || s.getPoolingType() == PoolingType.MAX) && s.getConvolutionMode() != ConvolutionMode.Same
                && s.getKernelSize()[0] == s.getKernelSize()[1] && s.getStride()[0] == s.getStride()[1]
                && s.getPadding()[0] == s.getPadding()[1] && s.getDilation()[0] == 1 && s.getDilation()[1] == 1
                && !s.isAvgPoolIncludePadInDivisor()) {
            return new PlanOp.Pool(name, input, output, s.getPoolingType() == PoolingType.AVG ? PlanOp.PoolKind.AVG
                    : PlanOp.PoolKind.MAX, s.getKernelSize()[0], s.getStride()[0], s.getPadding()[0]);
        }
        if (c instanceof LossLayer l && l.getLossFn() instanceof LossMCXENT ce && ce.getWeights() == null
                && l.getActivationFn() instanceof ActivationSoftmax) {
            return new PlanOp.SoftmaxCrossEntropy(name, input, output, ce.getSoftmaxClipEps());
        }
        throw unsupported(name, c.getClass().getSimpleName());
    }

    private static QuantLayerSpec spec(QuantizedLayer c) {
        return new QuantLayerSpec(c.isFirst(), c.getDecay(), c.getFiring(), c.getFrames(), c.getMaxTimeSteps(),
                c.neuronSteps(), c.spikeBitBound(), c.weightBitBound(), c.isLearnWeightBits(), c.isLearnSpikeBits(),
                c.isLearnTimeSteps(), c.getStepGradient(), c.isHasBias(),
                ((io.github.abasnn.nn.WeightShaped) c).weightShape().clone());
    }

    /** This plan as a backend without ND4J or DL4J reads it. */
    public PlanSpec spec() {
        List<PlanSpec.Slice> slices = new ArrayList<>();
        for (ParamSlice p : layout.slices()) {
            slices.add(new PlanSpec.Slice(p.layer(), p.key(), p.offset(), p.length(), p.stateOffset(),
                    p.stateLength()));
        }
        return new PlanSpec(ops, values, loss, slices, layout.length(), layout.stateLength());
    }

    /** Every parameter's rule at {@code iteration} of {@code epoch}, in the layout's order. */
    public List<UpdateRule> rules(int iteration, int epoch) {
        return layout.slices().stream().map(p -> p.rule(iteration, epoch)).toList();
    }

    /** The layer's parameters in the order of its parameter table (the flat layout's order). */
    private static void addParams(ParamLayout.Builder layout, String name, Layer layer) {
        if (layer.numParams() == 0) {
            return;
        }
        org.deeplearning4j.nn.conf.layers.Layer c = layer.conf().getLayer();
        for (Map.Entry<String, org.nd4j.linalg.api.ndarray.INDArray> e : layer.paramTable(false).entrySet()) {
            String key = e.getKey();
            layout.add(name, key, e.getValue().length(), c.getUpdaterByParam(key), c.getRegularizationByParam(key),
                    layer.updaterDivideByMinibatch(key));
        }
    }

    private static IllegalArgumentException unsupported(String vertex, String what) {
        return new IllegalArgumentException("vertex " + vertex + ": the step plan has no op for " + what
                + " (it covers the project's network builders)");
    }

    /** The quantized layers' ops, in execution order. */
    public List<PlanOp.QuantLinear> quantized() {
        List<PlanOp.QuantLinear> out = new ArrayList<>();
        for (PlanOp op : ops) {
            if (op instanceof PlanOp.QuantLinear q) {
                out.add(q);
            }
        }
        return out;
    }
}
