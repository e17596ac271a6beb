package io.github.abasnn.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Lays out and initialises a quantized layer's parameters (keys in {@link QuantParams} order). Weights are
 * He-normal for conv ({@code N(0, sqrt(2/(k k C_out)))}) and {@code N(0, 1/n_in)} (standard deviation) for dense,
 * as method.md §1; step sizes start at 1 and are set from the first training batch (LSQ init).
 */
public final class QuantParamInitializer implements ParamInitializer {
    public static final QuantParamInitializer INSTANCE = new QuantParamInitializer();

    private QuantParamInitializer() {}

    private static QuantizedLayer q(Layer l) {
        return (QuantizedLayer) l;
    }

    private static LinkedHashMap<String, Long> sizes(QuantizedLayer l) {
        int n = l.neuronSteps();
        LinkedHashMap<String, Long> s = new LinkedHashMap<>();
        s.put(QuantParams.WEIGHTS, ((WeightShaped) l).weightCount());
        if (l.isHasBias()) {
            s.put(QuantParams.BIAS, l.getNOut());
        }
        s.put(QuantParams.WEIGHT_STEP, 1L);
        s.put(QuantParams.WEIGHT_BITS, 1L);
        s.put(QuantParams.SPIKE_STEPS, (long) n);
        s.put(QuantParams.SPIKE_BITS, (long) n);
        s.put(QuantParams.TIME, 1L);
        s.put(QuantParams.STATE, (long) QuantParams.stateLength(n));
        return s;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return sizes(q(layer)).values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return new ArrayList<>(sizes(q(layer)).keySet());
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(QuantParams.WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return q(layer).isHasBias() ? List.of(QuantParams.BIAS) : List.of();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return QuantParams.WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return QuantParams.BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        QuantizedLayer l = q(conf.getLayer());
        Map<String, INDArray> views = split(l, paramsView);
        if (initializeParams) {
            int n = l.neuronSteps();
            long[] shape = ((WeightShaped) l).weightShape();
            double std = shape.length == 4
                    ? Math.sqrt(2.0 / (shape[2] * shape[3] * shape[0]))
                    : 1.0 / shape[0];
            views.get(QuantParams.WEIGHTS).assign(Nd4j.randn(paramsView.dataType(), shape).muli(std).reshape(1, -1));
            if (l.isHasBias()) {
                views.get(QuantParams.BIAS).assign(0);
            }
            views.get(QuantParams.WEIGHT_STEP).assign(1);
            views.get(QuantParams.WEIGHT_BITS).assign(l.getInitWeightBits());
            views.get(QuantParams.SPIKE_STEPS).assign(1);
            views.get(QuantParams.SPIKE_BITS).assign(l.getInitSpikeBits());
            views.get(QuantParams.TIME).assign(l.getFrames() > 0 ? l.getFrames() : l.getInitTimeSteps());
            new io.github.abasnn.renewal.RenewalState(views.get(QuantParams.STATE), n).reset(l.getInitSpikeBits(),
                    l.getInitWeightBits(), l.getRenewal());
        }
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return split(q(conf.getLayer()), gradientView);
    }

    private static Map<String, INDArray> split(QuantizedLayer l, INDArray flat) {
        INDArray row = flat.reshape(1, flat.length());
        Map<String, INDArray> out = new LinkedHashMap<>();
        long at = 0;
        for (Map.Entry<String, Long> e : sizes(l).entrySet()) {
            out.put(e.getKey(), row.get(NDArrayIndex.interval(0, 0, true), NDArrayIndex.interval(at, at + e.getValue())));
            at += e.getValue();
        }
        if (at != flat.length()) {
            throw new IllegalStateException("layer " + l.getLayerName() + ": expected " + at + " parameters, view has "
                    + flat.length());
        }
        return out;
    }
}
