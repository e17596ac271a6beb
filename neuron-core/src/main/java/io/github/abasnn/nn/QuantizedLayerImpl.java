package io.github.abasnn.nn;

import io.github.abasnn.kernel.FusedNeuron;
import io.github.abasnn.kernel.FusedWeightQuantizer;
import io.github.abasnn.kernel.Vec;
import io.github.abasnn.neuron.EventNeuron;
import io.github.abasnn.neuron.NeuronGradients;
import io.github.abasnn.neuron.RefinedNeuron;
import io.github.abasnn.neuron.TimeSteps;
import io.github.abasnn.quant.BitWidth;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.quant.StepSize;
import io.github.abasnn.quant.WeightQuantizer;
import io.github.abasnn.renewal.BitWidthObserver;
import io.github.abasnn.renewal.RangeSearch;
import io.github.abasnn.renewal.WeightRenewal;
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
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Runtime of a quantized layer: the refined neuron (fused CPU kernel where the arrays live on the host, the ND4J
 * op-chain reference elsewhere), LSQ initialisation on the first training batch, step-size renewal on training
 * forwards, the weight quantizer, and the linear map supplied by the subclass. Intermediate arrays are allocated
 * outside DL4J's workspaces so the forward state stays valid until the backward pass.
 */
public abstract class QuantizedLayerImpl<C extends QuantizedLayer> extends BaseLayer<C> {
    private INDArray x;
    private INDArray spikes;
    private WeightQuantizer.Forward weightFwd;
    private INDArray weightsUsed;
    private INDArray quantizedWeights;
    private RefinedNeuron.Forward refFwd;
    private EventNeuron.Forward eventFwd;
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
            if (!FusedNeuron.supports(x)) { // the fused kernel checks as it goes
                Tensors.requireFinite(x, "input of layer " + layerConf().getLayerName());
            }
            lastInputShape = x.shape();
            if (training) {
                // an update may push a step size below its floor; hold it there (method.md §1)
                Transforms.max(getParam(QuantParams.WEIGHT_STEP), StepSize.MIN_STEP, false);
                Transforms.max(getParam(QuantParams.SPIKE_STEPS), StepSize.MIN_STEP, false);
                initialiseSteps(x);
                renewWeightStep();
                renewSpikeSteps(x);
            }
            Neuron n = readNeuron();
            neuronUsed = n;
            try {
                spikes = neuronForward(x, n, !training || countTrainingFiring, training);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("layer " + layerConf().getLayerName() + ": " + e.getMessage(), e);
            }
            INDArray w = weightTensor(getParam(QuantParams.WEIGHTS));
            if (Vec.supports(w)) {
                weightFwd = null;
                weightsUsed = w;
                quantizedWeights = Nd4j.createUninitialized(w.dataType(), w.shape(), 'c');
                FusedWeightQuantizer.forward(w, quantizedWeights, n.weightStep(), n.weightBits());
            } else {
                weightFwd = WeightQuantizer.forward(w, n.weightStep(), n.weightBits());
                quantizedWeights = weightFwd.output();
            }
            INDArray bias = layerConf().isHasBias() ? getParam(QuantParams.BIAS) : null;
            out = linearForward(spikes, quantizedWeights, bias);
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
            INDArray[] lin = linearBackward(spikes, quantizedWeights, epsilon.castTo(dataType));
            QuantizerGradients wg = weightFwd != null
                    ? WeightQuantizer.backward(weightFwd, lin[1], conf.getStepGradient())
                    : FusedWeightQuantizer.backward(weightsUsed, lin[1], lin[1].like(), n.weightStep(), n.weightBits(),
                            conf.getStepGradient());
            gradientViews.get(QuantParams.WEIGHTS).assign(wg.input().reshape(1, -1));
            if (conf.isHasBias()) {
                gradientViews.get(QuantParams.BIAS).assign(lin[2].reshape(1, -1));
            }
            gradientViews.get(QuantParams.WEIGHT_STEP).assign(wg.step());
            gradientViews.get(QuantParams.WEIGHT_BITS).assign(
                    conf.isLearnWeightBits() ? BitWidth.gradientToHat(n.weightBitHat(), wg.bits()) : 0.0);

            double[] gSteps = new double[n.steps().length];
            double[] gBits = new double[n.steps().length];
            double gT;
            if (FusedNeuron.supports(x) && FusedNeuron.supports(lin[0])) {
                gradX = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
                FusedNeuron kernel = new FusedNeuron(conf.isFirst(), conf.getDecay(), conf.getFiring());
                FusedNeuron.Gradients g = conf.getFrames() > 0
                        ? kernel.backwardUnrolled(x, lin[0], gradX, n.timeSteps(), n.steps(), n.bits())
                        : kernel.backward(x, lin[0], gradX, n.timeSteps(), n.steps(), n.bits());
                for (int t = 0; t < n.timeSteps(); t++) {
                    gSteps[t] = g.steps()[t];
                    gBits[t] = BitWidth.gradientToHat(n.bitHats()[t], g.bits()[t]);
                }
                gT = g.tHat();
            } else if (conf.getFrames() > 0) {
                EventNeuron en = eventNeuron(n);
                EventNeuron.Gradients g = en.backward(eventFwd, frames(lin[0], n.timeSteps()), n.bitHats());
                gradX = Nd4j.concat(0, g.inputs()).reshape(x.shape());
                gSteps = g.steps();
                gBits = g.bitHats();
                gT = 0;
            } else {
                NeuronGradients g = refinedNeuron(n).backward(refFwd, lin[0], n.bitHats());
                gradX = g.input();
                gSteps = g.steps();
                gBits = g.bitHats();
                gT = g.tHat();
            }
            if (!conf.isLearnSpikeBits()) {
                java.util.Arrays.fill(gBits, 0);
            }
            gradientViews.get(QuantParams.SPIKE_STEPS).assign(Nd4j.createFromArray(gSteps).reshape(1, -1));
            gradientViews.get(QuantParams.SPIKE_BITS).assign(Nd4j.createFromArray(gBits).reshape(1, -1));
            gradientViews.get(QuantParams.TIME).assign(conf.isLearnTimeSteps() && conf.getFrames() == 0 ? gT : 0.0);
            gradientViews.get(QuantParams.STATE).assign(0);
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
        INDArray out = Nd4j.createUninitialized(x.dataType(), x.shape(), 'c');
        long[] nonzero;
        if (FusedNeuron.supports(x)) {
            FusedNeuron kernel = new FusedNeuron(conf.isFirst(), conf.getDecay(), conf.getFiring());
            nonzero = conf.getFrames() > 0
                    ? kernel.forwardUnrolled(x, out, n.timeSteps(), n.steps(), n.bits(), count)
                    : kernel.forward(x, out, n.timeSteps(), n.steps(), n.bits(), count);
            refFwd = null;
            eventFwd = null;
        } else if (conf.getFrames() > 0) {
            eventFwd = eventNeuron(n).forward(frames(x, n.timeSteps()), n.steps().clone(), n.bitHats());
            out = Nd4j.concat(0, eventFwd.output()).reshape(x.shape());
            nonzero = count ? countNonzero(eventFwd.fired()) : new long[0];
        } else {
            refFwd = refinedNeuron(n).forward(x, n.tHat(), n.steps().clone(), n.bitHats());
            out = refFwd.output();
            nonzero = count ? countNonzero(refFwd.fired()) : new long[0];
        }
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
        return out;
    }

    private static long[] countNonzero(SpikeQuantizer.Forward[] fired) {
        long[] nz = new long[fired.length];
        for (int t = 0; t < fired.length; t++) {
            nz[t] = fired[t].levels().neq(0).castTo(DataType.INT64).sumNumber().longValue();
        }
        return nz;
    }

    private RefinedNeuron refinedNeuron(Neuron n) {
        C c = layerConf();
        return new RefinedNeuron(n.steps().length, c.spikeBitBound(), c.isFirst(), c.getDecay(), c.getFiring());
    }

    private EventNeuron eventNeuron(Neuron n) {
        C c = layerConf();
        return new EventNeuron(n.timeSteps(), c.spikeBitBound(), c.isFirst(), c.getDecay(), c.getFiring());
    }

    /** Splits a time-major folded batch {@code [T*B, ...]} into T frames. */
    private static INDArray[] frames(INDArray folded, int t) {
        long b = folded.size(0) / t;
        INDArray[] out = new INDArray[t];
        for (int s = 0; s < t; s++) {
            out[s] = folded.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s * b, (s + 1) * b)).dup('c');
        }
        return out;
    }

    /** LSQ initialisation of the step sizes from the first training batch (method.md §1). */
    private void initialiseSteps(INDArray x) {
        C c = layerConf();
        INDArray state = getParam(QuantParams.STATE);
        int n = c.neuronSteps();
        if (state.getDouble(QuantParams.initialised(n)) != 0) {
            return;
        }
        double meanAbsW = Transforms.abs(getParam(QuantParams.WEIGHTS), true).meanNumber().doubleValue();
        getParam(QuantParams.WEIGHT_STEP).assign(StepSize.initWeightStep(meanAbsW, c.getInitWeightBits()));
        double meanAbsX = Transforms.abs(x, true).meanNumber().doubleValue();
        double spikeStep = c.isFirst()
                ? StepSize.clamp(2 * meanAbsX / Math.sqrt(SpikeQuantizer.qmax(c.getInitSpikeBits(), true)))
                : StepSize.initSpikeStep(meanAbsX, c.getInitSpikeBits());
        getParam(QuantParams.SPIKE_STEPS).assign(spikeStep);
        state.putScalar(QuantParams.initialised(n), 1);
    }

    /** Weight-side renewal on a bit change, when the policy asks for it. */
    private void renewWeightStep() {
        C c = layerConf();
        int n = c.neuronSteps();
        INDArray state = getParam(QuantParams.STATE);
        int bits = BitWidth.effective(getParam(QuantParams.WEIGHT_BITS).getDouble(0), c.weightBitBound());
        int old = (int) state.getDouble(QuantParams.weightOldBit(n));
        if (bits == old) {
            return;
        }
        if (state.getDouble(QuantParams.weightRenewalOn(n)) != 0) {
            INDArray a = getParam(QuantParams.WEIGHT_STEP);
            a.assign(new WeightRenewal(old).observe(bits, a.getDouble(0)));
        }
        state.putScalar(QuantParams.weightOldBit(n), bits);
    }

    /** Activation-side renewal (method.md §4): each step whose bit width changed gets a step from its input. */
    private void renewSpikeSteps(INDArray x) {
        C c = layerConf();
        int n = c.neuronSteps();
        INDArray state = getParam(QuantParams.STATE);
        boolean on = state.getDouble(QuantParams.spikeRenewalOn(n)) != 0;
        Neuron neuron = readNeuron();
        RangeSearch search = new RangeSearch(c.getRenewalGrid(), c.getRenewalPower());
        INDArray stepsView = getParam(QuantParams.SPIKE_STEPS);
        double[] steps = neuron.steps();
        for (int t = 0; t < neuron.timeSteps(); t++) {
            int bits = neuron.bits()[t];
            int old = (int) state.getDouble(QuantParams.oldBit(n, t));
            if (bits == old) {
                continue;
            }
            if (on) {
                BitWidthObserver observer = new BitWidthObserver(old,
                        fromEmpty(state.getDouble(QuantParams.runMin(n, t)), true),
                        fromEmpty(state.getDouble(QuantParams.runMax(n, t)), false));
                INDArray membrane = membraneAt(x, t, steps, neuron.bits(), neuron.timeSteps());
                steps[t] = StepSize.clamp(observer.observe(membrane, bits, c.isFirst(), steps[t], search));
                stepsView.putScalar(t, steps[t]);
                state.putScalar(QuantParams.runMin(n, t), observer.runningMin());
                state.putScalar(QuantParams.runMax(n, t), observer.runningMax());
            }
            state.putScalar(QuantParams.oldBit(n, t), bits);
        }
    }

    private static double fromEmpty(double v, boolean min) {
        if (min && v >= QuantParams.EMPTY_MIN) {
            return Double.POSITIVE_INFINITY;
        }
        if (!min && v <= QuantParams.EMPTY_MAX) {
            return Double.NEGATIVE_INFINITY;
        }
        return v;
    }

    private INDArray membraneAt(INDArray x, int t, double[] steps, int[] bits, int timeSteps) {
        C c = layerConf();
        if (FusedNeuron.supports(x)) {
            FusedNeuron kernel = new FusedNeuron(c.isFirst(), c.getDecay(), c.getFiring());
            if (c.getFrames() > 0) {
                INDArray m = Nd4j.create(x.dataType(), x.length() / timeSteps);
                kernel.membraneUnrolled(x, m, t, timeSteps, steps, bits);
                return m;
            }
            INDArray m = x.like();
            kernel.membrane(x, m, t, steps, bits);
            return m;
        }
        INDArray[] xs = c.getFrames() > 0 ? frames(x, timeSteps) : null;
        INDArray m = xs != null ? xs[0] : x;
        for (int s = 0; s < t; s++) {
            INDArray spike = SpikeQuantizer.forward(m, steps[s], bits[s], c.isFirst(), c.getFiring()).output();
            m = m.sub(spike).muli(c.getDecay()).addi(xs != null ? xs[s + 1] : x);
        }
        return m;
    }

    /** Reads the current neuron and weight settings from the parameters. */
    private Neuron readNeuron() {
        C c = layerConf();
        int n = c.neuronSteps();
        double tHat = getParam(QuantParams.TIME).getDouble(0);
        int t = c.getFrames() > 0 ? c.getFrames() : TimeSteps.effective(tHat, c.getMaxTimeSteps());
        double[] steps = getParam(QuantParams.SPIKE_STEPS).reshape(n).toDoubleVector();
        for (int s = 0; s < n; s++) {
            steps[s] = StepSize.clamp(steps[s]);
        }
        double[] bitHats = getParam(QuantParams.SPIKE_BITS).reshape(n).toDoubleVector();
        int[] bits = new int[n];
        for (int s = 0; s < n; s++) {
            bits[s] = BitWidth.effective(bitHats[s], c.spikeBitBound());
        }
        double wBitHat = getParam(QuantParams.WEIGHT_BITS).getDouble(0);
        return new Neuron(t, tHat, steps, bitHats, bits, wBitHat,
                BitWidth.effective(wBitHat, c.weightBitBound()),
                StepSize.clamp(getParam(QuantParams.WEIGHT_STEP).getDouble(0)));
    }

    /** The integer allocation and step sizes in force. */
    public record Neuron(int timeSteps, double tHat, double[] steps, double[] bitHats, int[] bits,
                         double weightBitHat, int weightBits, double weightStep) {}
}
