package io.github.abasnn.nn;

import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.quant.WeightQuantizer;
import io.github.abasnn.renewal.RenewalPolicy;
import java.util.List;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Configuration shared by the quantized layers: a refined spiking neuron in front of a quantized conv or dense
 * (method.md §3, §6). Every tunable is a bean property with a default, so DL4J's JSON round trip keeps it.
 *
 * <p>Parameter groups (method.md §7): weights and bias use the layer's updater and weight decay; step sizes and bit
 * widths use {@link #getQuantUpdater()};
 * {@code T_hat} uses {@link #getTimeUpdater()}; the renewal state is not trained. A layer with {@link #isFirst()}
 * keeps fixed 8-bit weights and 8-bit signed spikes; its T stays learnable.
 */
public abstract class QuantizedLayer extends FeedForwardLayer {
    private int initWeightBits = 4;
    private int initSpikeBits = 4;
    private int initTimeSteps = 2;
    private int maxTimeSteps = 3;
    private boolean learnWeightBits = true;
    private boolean learnSpikeBits = true;
    private boolean learnTimeSteps = true;
    private boolean first = false;
    private boolean hasBias = false;
    /** 0: time-free input, squeezed over the learnable T; n &gt; 0: time-major input of n frames, no squeezing. */
    private int frames = 0;
    private double decay = 1.0;
    private Firing firing = Firing.ROUND;
    private RenewalPolicy renewal = RenewalPolicy.ACTIVATION;
    private int renewalGrid = 50;
    private double renewalPower = 2.4;
    private IUpdater quantUpdater;
    private IUpdater timeUpdater;
    /** How the weight step size's gradient is scaled (method.md §2). */
    private StepGradient stepGradient = StepGradient.LSQ;
    /** Updater of the bit widths {@code Bw_hat}, {@code Bs_hat} alone; null: {@link #quantUpdater}. */
    private IUpdater bitWidthUpdater;

    protected QuantizedLayer() {}

    protected QuantizedLayer(Builder<?> b) {
        super(b);
        this.initWeightBits = b.initWeightBits;
        this.initSpikeBits = b.initSpikeBits;
        this.initTimeSteps = b.initTimeSteps;
        this.maxTimeSteps = b.maxTimeSteps > 0 ? b.maxTimeSteps : b.initTimeSteps + 1;
        this.learnWeightBits = b.learnWeightBits;
        this.learnSpikeBits = b.learnSpikeBits;
        this.learnTimeSteps = b.learnTimeSteps;
        this.first = b.first;
        this.hasBias = b.hasBias;
        this.frames = b.frames;
        this.decay = b.decay;
        this.firing = b.firing;
        this.renewal = b.renewal;
        this.renewalGrid = b.renewalGrid;
        this.renewalPower = b.renewalPower;
        this.quantUpdater = b.quantUpdater;
        this.timeUpdater = b.timeUpdater;
        this.stepGradient = b.stepGradient;
        this.bitWidthUpdater = b.bitWidthUpdater;
        if (first) {
            this.initWeightBits = 8;
            this.initSpikeBits = 8;
            this.learnWeightBits = false;
            this.learnSpikeBits = false;
        }
        validate();
    }

    /** Fails naming the setting when a value is out of range. */
    void validate() {
        check(initWeightBits >= 1 && initWeightBits <= 16, "initWeightBits", initWeightBits);
        check(initSpikeBits >= 1 && initSpikeBits <= 16, "initSpikeBits", initSpikeBits);
        check(maxTimeSteps >= 1, "maxTimeSteps", maxTimeSteps);
        check(initTimeSteps >= 1 && initTimeSteps <= maxTimeSteps,
                "initTimeSteps (must lie in [1, maxTimeSteps = " + maxTimeSteps + "])", initTimeSteps);
        check(frames >= 0, "frames", frames);
        check(decay > 0 && decay <= 1, "decay (1/tau, in (0, 1])", decay);
        check(renewalGrid >= 1, "renewalGrid", renewalGrid);
        check(renewalPower > 0, "renewalPower", renewalPower);
    }

    private void check(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("layer " + getLayerName() + ": " + name + " = " + value + " is not allowed");
        }
    }

    /** Upper bound of the weight bit width: init + 2 (method.md §1). */
    public double weightBitBound() {
        return initWeightBits + 2;
    }

    /** Upper bound of the spike bit width: init + 2. */
    public double spikeBitBound() {
        return initSpikeBits + 2;
    }

    /** Number of per-step neuron parameters: T_max, or the number of frames for time-major input. */
    public int neuronSteps() {
        return frames > 0 ? frames : maxTimeSteps;
    }

    /** Connects a freshly made runtime layer to its configuration, listeners and parameter view. */
    protected <L extends QuantizedLayerImpl<?>> L wire(L layer, org.deeplearning4j.nn.conf.NeuralNetConfiguration conf,
            java.util.Collection<org.deeplearning4j.optimize.api.TrainingListener> listeners, int index,
            org.nd4j.linalg.api.ndarray.INDArray paramsView, boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return QuantParamInitializer.INSTANCE;
    }

    @Override
    public IUpdater getUpdaterByParam(String param) {
        switch (param) {
            case QuantParams.WEIGHT_STEP:
                return quantUpdater != null ? quantUpdater : getIUpdater();
            case QuantParams.WEIGHT_BITS:
            case QuantParams.SPIKE_BITS:
                if (bitWidthUpdater != null) {
                    return bitWidthUpdater;
                }
                return quantUpdater != null ? quantUpdater : getIUpdater();
            case QuantParams.SPIKE_STEPS:
                return quantUpdater != null ? quantUpdater : getIUpdater();
            case QuantParams.TIME:
                return timeUpdater != null ? timeUpdater : getIUpdater();
            case QuantParams.STATE:
                return new NoOp();
            default:
                return getIUpdater();
        }
    }

    @Override
    public List<Regularization> getRegularizationByParam(String param) {
        return QuantParams.WEIGHTS.equals(param) ? getRegularization() : null;
    }

    @Override
    public boolean isPretrainParam(String param) {
        return false;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        InputType out = getOutputType(-1, inputType);
        long params = initializer().numParams(this);
        return new LayerMemoryReport.Builder(getLayerName(), getClass(), inputType, out)
                .standardMemory(params, getIUpdater() == null ? 0 : getIUpdater().stateSize(params))
                .workingMemory(0, 0, 0, 2 * inputType.arrayElementsPerExample() + out.arrayElementsPerExample())
                .cacheMemory(0, 0)
                .build();
    }

    // bean properties (DL4J serialises layer configurations as JSON)
    public int getInitWeightBits() { return initWeightBits; }
    public void setInitWeightBits(int v) { initWeightBits = v; }
    public int getInitSpikeBits() { return initSpikeBits; }
    public void setInitSpikeBits(int v) { initSpikeBits = v; }
    public int getInitTimeSteps() { return initTimeSteps; }
    public void setInitTimeSteps(int v) { initTimeSteps = v; }
    public int getMaxTimeSteps() { return maxTimeSteps; }
    public void setMaxTimeSteps(int v) { maxTimeSteps = v; }
    public boolean isLearnWeightBits() { return learnWeightBits; }
    public void setLearnWeightBits(boolean v) { learnWeightBits = v; }
    public boolean isLearnSpikeBits() { return learnSpikeBits; }
    public void setLearnSpikeBits(boolean v) { learnSpikeBits = v; }
    public boolean isLearnTimeSteps() { return learnTimeSteps; }
    public void setLearnTimeSteps(boolean v) { learnTimeSteps = v; }
    public boolean isFirst() { return first; }
    public void setFirst(boolean v) { first = v; }
    public boolean isHasBias() { return hasBias; }
    public void setHasBias(boolean v) { hasBias = v; }
    public int getFrames() { return frames; }
    public void setFrames(int v) { frames = v; }
    public double getDecay() { return decay; }
    public void setDecay(double v) { decay = v; }
    public Firing getFiring() { return firing; }
    public void setFiring(Firing v) { firing = v; }
    public RenewalPolicy getRenewal() { return renewal; }
    public void setRenewal(RenewalPolicy v) { renewal = v; }
    public int getRenewalGrid() { return renewalGrid; }
    public void setRenewalGrid(int v) { renewalGrid = v; }
    public double getRenewalPower() { return renewalPower; }
    public void setRenewalPower(double v) { renewalPower = v; }
    public IUpdater getQuantUpdater() { return quantUpdater; }
    public void setQuantUpdater(IUpdater v) { quantUpdater = v; }
    public IUpdater getTimeUpdater() { return timeUpdater; }
    public void setTimeUpdater(IUpdater v) { timeUpdater = v; }
    public StepGradient getStepGradient() { return stepGradient; }
    public void setStepGradient(StepGradient v) { stepGradient = v; }
    public IUpdater getBitWidthUpdater() { return bitWidthUpdater; }
    public void setBitWidthUpdater(IUpdater v) { bitWidthUpdater = v; }

    /** Builder shared by the quantized layers. */
    @SuppressWarnings("unchecked")
    public abstract static class Builder<T extends Builder<T>> extends FeedForwardLayer.Builder<T> {
        int initWeightBits = 4;
        int initSpikeBits = 4;
        int initTimeSteps = 2;
        int maxTimeSteps = 0;
        boolean learnWeightBits = true;
        boolean learnSpikeBits = true;
        boolean learnTimeSteps = true;
        boolean first = false;
        boolean hasBias = false;
        int frames = 0;
        double decay = 1.0;
        Firing firing = Firing.ROUND;
        RenewalPolicy renewal = RenewalPolicy.ACTIVATION;
        int renewalGrid = 50;
        double renewalPower = 2.4;
        IUpdater quantUpdater;
        IUpdater timeUpdater;
        StepGradient stepGradient = StepGradient.LSQ;
        IUpdater bitWidthUpdater;

        /** Initial weight bits, spike bits and T (the paper's 4/4/2 on static images). */
        public T init(int weightBits, int spikeBits, int timeSteps) {
            this.initWeightBits = weightBits;
            this.initSpikeBits = spikeBits;
            this.initTimeSteps = timeSteps;
            return (T) this;
        }

        public T maxTimeSteps(int v) { maxTimeSteps = v; return (T) this; }
        /** What is learned; a uniform-quantization baseline learns none of the three. */
        public T learn(boolean weightBits, boolean spikeBits, boolean timeSteps) {
            learnWeightBits = weightBits;
            learnSpikeBits = spikeBits;
            learnTimeSteps = timeSteps;
            return (T) this;
        }
        /** The network's first layer: fixed 8-bit weights and 8-bit signed spikes. */
        public T first(boolean v) { first = v; return (T) this; }
        public T hasBias(boolean v) { hasBias = v; return (T) this; }
        /** Time-major event input of this many frames (0: time-free input). */
        public T frames(int v) { frames = v; return (T) this; }
        public T decay(double v) { decay = v; return (T) this; }
        public T firing(Firing v) { firing = v; return (T) this; }
        public T renewal(RenewalPolicy v) { renewal = v; return (T) this; }
        public T renewalGrid(int k, double p) { renewalGrid = k; renewalPower = p; return (T) this; }
        /** Updater of step sizes and bit widths (the paper: lr 0.1). */
        public T quantUpdater(IUpdater v) { quantUpdater = v; return (T) this; }
        /** Updater of {@code T_hat} (the paper: lr 0.01). */
        public T timeUpdater(IUpdater v) { timeUpdater = v; return (T) this; }
        /** How the weight step size's gradient is scaled (method.md §2). */
        public T stepGradient(StepGradient v) { stepGradient = v; return (T) this; }
        /** Updater of the bit widths alone (default: the {@link #quantUpdater(IUpdater)}). */
        public T bitWidthUpdater(IUpdater v) { bitWidthUpdater = v; return (T) this; }
    }
}
