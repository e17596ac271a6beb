package io.github.abasnn.nn;

import io.github.abasnn.renewal.RenewalState;
import io.github.abasnn.cost.LayerAllocation;
import io.github.abasnn.cost.LayerShape;
import io.github.abasnn.loss.LayerBits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads and steers the quantized layers of a {@link ComputationGraph}: allocations, bit-loss inputs, renewal. */
public final class SpikingGraph {
    private SpikingGraph() {}

    /** The quantized layers in topological order. */
    public static List<QuantizedLayerImpl<?>> layers(ComputationGraph graph) {
        List<QuantizedLayerImpl<?>> out = new ArrayList<>();
        for (int i : graph.topologicalSortOrder()) {
            org.deeplearning4j.nn.graph.vertex.GraphVertex v = graph.getVertices()[i];
            if (v.hasLayer()) {
                Layer l = v.getLayer();
                if (l instanceof QuantizedLayerImpl<?> q) {
                    out.add(q);
                }
            }
        }
        return out;
    }

    /** The configuration of the network's first quantized layer (fixed 8-bit weights and spikes, method.md §6). */
    public static QuantizedLayer firstLayer(org.deeplearning4j.nn.conf.ComputationGraphConfiguration conf) {
        for (org.deeplearning4j.nn.conf.graph.GraphVertex v : conf.getVertices().values()) {
            if (v instanceof org.deeplearning4j.nn.conf.graph.LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof QuantizedLayer q && q.isFirst()) {
                return q;
            }
        }
        throw new IllegalArgumentException("the network has no first quantized layer");
    }

    /** Bit-loss inputs of the learnable layers (the first layer is excluded, method.md §5). */
    public static List<LayerBits> bits(List<QuantizedLayerImpl<?>> layers) {
        List<LayerBits> out = new ArrayList<>();
        for (QuantizedLayerImpl<?> l : layers) {
            QuantizedLayer c = (QuantizedLayer) l.conf().getLayer();
            if (c.isFirst()) {
                continue;
            }
            out.add(bitsOf(l));
        }
        return out;
    }

    private static LayerBits bitsOf(QuantizedLayerImpl<?> l) {
        return LayerSteps.bits((QuantizedLayer) l.conf().getLayer(), l::getParam, l.inputElementsPerSample());
    }

    /**
     * What every quantized layer (the first included) adds to a cost target: its bits, its MACs per image and the
     * firing rate of the last training batch (NaN unless counted, see {@link QuantizedLayerImpl#countTrainingFiring}).
     */
    public static List<io.github.abasnn.loss.LayerCost> costs(List<QuantizedLayerImpl<?>> layers) {
        List<LayerAllocation> shapes = allocation(layers);
        List<io.github.abasnn.loss.LayerCost> out = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            QuantizedLayerImpl<?> l = layers.get(i);
            QuantizedLayer c = (QuantizedLayer) l.conf().getLayer();
            out.add(new io.github.abasnn.loss.LayerCost(c.isFirst(), shapes.get(i).shape().macs(), l.batchFiringRate(),
                    bitsOf(l)));
        }
        return out;
    }

    /** Whether a layer takes part in the bit loss. */
    public static boolean learnable(QuantizedLayerImpl<?> l) {
        return !((QuantizedLayer) l.conf().getLayer()).isFirst();
    }

    /** The cost-model description of every quantized layer, with the firing counted since the last reset. */
    public static List<LayerAllocation> allocation(List<QuantizedLayerImpl<?>> layers) {
        List<LayerAllocation> out = new ArrayList<>();
        for (QuantizedLayerImpl<?> l : layers) {
            QuantizedLayer c = (QuantizedLayer) l.conf().getLayer();
            long[] in = l.lastInputShape();
            if (in == null) {
                throw new IllegalStateException("layer " + c.getLayerName() + " has not seen input yet");
            }
            LayerShape shape = c instanceof QuantConv2D conv
                    ? new LayerShape(io.github.abasnn.cost.LayerKind.CONV, (int) c.getNIn(), (int) c.getNOut(),
                            conv.getKernel(), conv.getStride(), conv.getPadding(), (int) in[2], (int) in[3])
                    : LayerShape.dense((int) c.getNIn(), (int) c.getNOut());
            QuantizedLayerImpl.Neuron n = l.neuron();
            int[] spikeBits = Arrays.copyOf(n.bits(), n.timeSteps());
            long[] firing = l.firing();
            out.add(new LayerAllocation(c.getLayerName(), shape, c.isFirst(), n.weightBits(), spikeBits,
                    firing[0], firing[1]));
        }
        return out;
    }

    public static void resetFiring(List<QuantizedLayerImpl<?>> layers) {
        layers.forEach(QuantizedLayerImpl::resetFiring);
    }

    /** Whether weight- and spike-side renewal are on in {@code layer}: {weights, spikes}. */
    public static boolean[] renewalOn(QuantizedLayerImpl<?> layer) {
        RenewalState state = renewalState(layer);
        return new boolean[] {state.weightRenewalOn(), state.spikeRenewalOn()};
    }

    /** Switches weight- or spike-side renewal off in every layer (the per-epoch rule of method.md §4). */
    public static void switchOffRenewal(List<QuantizedLayerImpl<?>> layers, boolean weights, boolean spikes) {
        for (QuantizedLayerImpl<?> l : layers) {
            RenewalState state = renewalState(l);
            if (weights) {
                state.switchOffWeightRenewal();
            }
            if (spikes) {
                state.switchOffSpikeRenewal();
            }
        }
    }

    /** The renewal state of {@code layer} (a view of its parameters). */
    public static RenewalState renewalState(QuantizedLayerImpl<?> layer) {
        return new RenewalState(layer.getParam(QuantParams.STATE),
                ((QuantizedLayer) layer.conf().getLayer()).neuronSteps());
    }
}
