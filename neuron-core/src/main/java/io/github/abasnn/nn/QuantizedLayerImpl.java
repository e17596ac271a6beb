package io.github.abasnn.nn;

import io.github.abasnn.neuron.NeuronEngine;
import io.github.abasnn.profile.Phase;
import io.github.abasnn.profile.PhaseTimes;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.WeightEngine;
import io.github.abasnn.tensor.Tensors;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runtime of a quantized layer: the refined neuron through its {@link NeuronEngine} (the fused CPU kernel where the
 * arrays live on the host, the ND4J op-chain reference elsewhere; chosen at the first input), LSQ initialisation on
 * the first training batch, step-size renewal on training forwards ({@link LayerRenewal}), the weight quantizer, and
 * the linear map supplied by the subclass. Intermediate arrays are allocated
 * outside DL4J's workspaces so the forward state stays valid until the backward pass.
 */
public abstract class QuantizedLayerImpl<C extends QuantizedLayer> extends BaseLayer<C> {
    private INDArray x;
    private INDArray spikes;
    private WeightEngine weightEngine;
    private INDArray quantizedWeights;
    private NeuronEngine engine;
    private Neuron neuronUsed;
    private long spikeSlots;
    private long nonzeroSpikes;
    private boolean countTrainingFiring;
    private long batchSlots;
    private long batchNonzero;
    private long[] lastInputShape;

    protected QuantizedLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The quantized linear map: conv or dense of the spikes with the quantized weights, plus bias. */
    protected abstract INDArray linearForward(INDArray spikes, INDArray weights, INDArray bias);

    /** Gradients of {@link #linearForward}: w.r.t. spikes, weights, and bias (null without bias). */
    protected abstract INDArray[] linearBackward(INDArray spikes, INDArray weights, INDArray epsilon);

    /** The weights reshaped to their layer shape (a view of the parameters). */
    protected INDArray weightTensor(INDArray flat) {
        return flat.reshape('c', ((WeightShaped) layerConf()).weightShape());
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    /** Spike counts of evaluation passes since the last {@link #resetFiring()}: {slots, nonzero}. */
    public long[] firing() {
        return new long[] {spikeSlots, nonzeroSpikes};
    }

    public void resetFiring() {
        spikeSlots = 0;
        nonzeroSpikes = 0;
    }

    /**
     * Counts an evaluation pass that ran elsewhere (a device step): {@code slots} spike slots of which {@code nonzero}
     * fired, on input of {@code inputShape}, as this layer's own evaluation forward counts them.
     */
    public void recordEvaluation(long slots, long nonzero, long[] inputShape) {
        spikeSlots += slots;
        nonzeroSpikes += nonzero;
        lastInputShape = inputShape.clone();
    }

    /**
     * Whether training forwards count their nonzero spikes ({@link #batchFiringRate}); off by default, since counting
     * costs a data-dependent branch per element. An energy target needs it.
     */
    public void countTrainingFiring(boolean on) {
        countTrainingFiring = on;
    }

    /** Firing rate of the last training forward when counted (see {@link #countTrainingFiring}), else NaN. */
    public double batchFiringRate() {
        return batchSlots == 0 ? Double.NaN : (double) batchNonzero / batchSlots;
    }

    /** The view of this layer's part of the network gradient for one parameter key. */
    public INDArray gradientView(String key) {
        return gradientViews.get(key);
    }

    /** Shape of the last input seen (batch first), or null before the first forward pass. */
    public long[] lastInputShape() {
        return lastInputShape == null ? null : lastInputShape.clone();
    }

    /** Input elements per sample ({@code Nf} without the batch); for time-major input, per frame. */
    public long inputElementsPerSample() {
        if (lastInputShape == null) {
            throw new IllegalStateException("layer " + layerConf().getLayerName() + " has not seen input yet");
        }
        long n = 1;
        for (int i = 1; i < lastInputShape.length; i++) {
            n *= lastInputShape[i];
        }
        return n;
    }

    /** The neuron parameters in force (integer bits and T). */
    public Neuron neuron() {
        return readNeuron();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray out;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            close(spikes, quantizedWeights); // a previous forward that no backward pass consumed
            x = input.castTo(dataType);
            if (x.ordering() != 'c' || x.elementWiseStride() != 1 || x.isView()) {
                x = x.dup('c');
            }
            if (engine == null) {
                engine = LayerSteps.engineFor(layerConf(), x);
            }
            if (!engine.checksFinite()) {
                Tensors.requireFinite(x, "input of layer " + layerConf().getLayerName());
            }
            lastInputShape = x.shape();
            long clock = PhaseTimes.start();
            if (training) {
                LayerSteps.clampSteps(this::getParam);
                LayerSteps.initialise(layerConf(), this::getParam, x);
                LayerSteps.renewWeightStep(layerConf(), this::getParam);
                LayerSteps.renewSpikeSteps(layerConf(), this::getParam, x, engine);
                PhaseTimes.stop(Phase.STEP_INIT_AND_RENEWAL, clock);
            }
            Neuron n = readNeuron();
            neuronUsed = n;
            try {
                clock = PhaseTimes.start();
                spikes = neuronForward(x, n, !training || countTrainingFiring, training);
                PhaseTimes.stop(Phase.NEURON_FORWARD, clock);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + layerConf().getLayerName() + ": " + e.getMessage(), e);
            }
            clock = PhaseTimes.start();
            INDArray w = weightTensor(getParam(QuantParams.WEIGHTS));
            if (weightEngine == null) { // the weights' kind is fixed for the layer's life
                weightEngine = LayerSteps.weightEngineFor(w);
            }
            quantizedWeights = weightEngine.forward(w, n.weightStep(), n.weightBits());
            PhaseTimes.stop(Phase.WEIGHT_QUANT_FORWARD, clock);
            INDArray bias = layerConf().isHasBias() ? getParam(QuantParams.BIAS) : null;
            clock = PhaseTimes.start();
            out = linearForward(spikes, quantizedWeights, bias);
            PhaseTimes.stop(Phase.CONV_FORWARD, clock);
        }
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        C conf = layerConf();
        INDArray gradX;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            Neuron n = neuronUsed;
            long clock = PhaseTimes.start();
            INDArray[] lin = linearBackward(spikes, quantizedWeights, epsilon.castTo(dataType));
            PhaseTimes.stop(Phase.CONV_BACKWARD, clock);
            clock = PhaseTimes.start();
            QuantizerGradients wg = weightEngine.backward(lin[1], conf.getStepGradient());
            PhaseTimes.stop(Phase.WEIGHT_QUANT_BACKWARD, clock);
            clock = PhaseTimes.start();
            NeuronEngine.Gradients g = engine.backward(x, lin[0], LayerSteps.setting(n));
            PhaseTimes.stop(Phase.NEURON_BACKWARD, clock);
            gradX = g.input();
            LayerSteps.writeGradients(conf, gradientViews::get, n, wg, lin[2], g);
            // free the step's temporaries now rather than when the garbage collector finds them: off-heap memory
            // otherwise grows to javacpp's limit between collections
            close(lin[0], lin[1], lin[2], spikes, quantizedWeights, x == input ? null : x);
            spikes = null;
            quantizedWeights = null;
            x = null;
        }
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : QuantParamInitializer.INSTANCE.paramKeys(conf)) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        return new Pair<>(gradient, workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, gradX));
    }

    /** Spikes of the neuron; firing is counted on evaluation passes only ({@code count}). */
    private static void close(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a != null && !a.isView() && a.closeable()) {
                a.close();
            }
        }
    }

    private INDArray neuronForward(INDArray x, Neuron n, boolean count, boolean training) {
        C conf = layerConf();
        NeuronEngine.Spikes spikes = engine.forward(x, LayerSteps.setting(n), count);
        long[] nonzero = spikes.nonzero();
        if (count) {
            long perStep = conf.getFrames() > 0 ? x.length() / n.timeSteps() : x.length();
            long z = 0;
            for (long v : nonzero) {
                z += v;
            }
            if (training) { // the batch's own rate, for an energy target; evaluation totals stay apart
                batchSlots = perStep * n.timeSteps();
                batchNonzero = z;
            } else {
                spikeSlots += perStep * n.timeSteps();
                nonzeroSpikes += z;
            }
        }
        return spikes.output();
    }

    /** Reads the current neuron and weight settings from the parameters. */
    private Neuron readNeuron() {
        return LayerSteps.read(layerConf(), this::getParam);
    }

    /** The integer allocation and step sizes in force. */
    public record Neuron(int timeSteps, double tHat, double[] steps, double[] bitHats, int[] bits,
                         double weightBitHat, int weightBits, double weightStep) {}
}
