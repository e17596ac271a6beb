package io.github.abasnn.nn;

import io.github.abasnn.kernel.FusedEngine;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.LayerBits;
import io.github.abasnn.neuron.NeuronEngine;
import io.github.abasnn.neuron.ReferenceEngine;
import io.github.abasnn.neuron.TimeSteps;
import io.github.abasnn.quant.BitWidth;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.quant.StepSize;
import io.github.abasnn.renewal.LayerRenewal;
import io.github.abasnn.renewal.RangeSearch;
import io.github.abasnn.renewal.RenewalState;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A quantized layer's step sizes, bit widths and T as its parameters hold them: reading the setting in force, the
 * step-size floor, LSQ initialisation and renewal, its parameters' gradients and what the bit loss reads and adds.
 * Written once for both runtimes of a quantized layer, DL4J's ({@link QuantizedLayerImpl}) and the step plan's, which
 * pass their own view of each parameter (or of its gradient) by key ({@link QuantParams}).
 */
public final class LayerSteps {
    private LayerSteps() {}

    /** The engine for input {@code x}: the fused kernel where it runs on the array, the reference elsewhere. */
    public static NeuronEngine engineFor(QuantizedLayer c, INDArray x) {
        NeuronEngine.Spec spec = new NeuronEngine.Spec(c.isFirst(), c.getDecay(), c.getFiring(), c.getFrames(),
                c.spikeBitBound(), c.neuronSteps());
        return FusedEngine.supports(x) ? new FusedEngine(spec) : new ReferenceEngine(spec);
    }

    /** The weight quantizer for weights {@code w}: the fused kernel where it runs on the array, else the reference. */
    public static io.github.abasnn.quant.WeightEngine weightEngineFor(INDArray w) {
        return io.github.abasnn.kernel.FusedWeightEngine.supports(w) ? new io.github.abasnn.kernel.FusedWeightEngine()
                : new io.github.abasnn.quant.ReferenceWeightEngine();
    }

    public static NeuronEngine.Setting setting(QuantizedLayerImpl.Neuron n) {
        return new NeuronEngine.Setting(n.timeSteps(), n.tHat(), n.steps(), n.bitHats(), n.bits());
    }

    /** An update may push a step size below its floor; holds it there (method.md §1). */
    public static void clampSteps(Function<String, INDArray> param) {
        Transforms.max(param.apply(QuantParams.WEIGHT_STEP), StepSize.MIN_STEP, false);
        Transforms.max(param.apply(QuantParams.SPIKE_STEPS), StepSize.MIN_STEP, false);
    }

    /** The integer allocation and step sizes in force. */
    public static QuantizedLayerImpl.Neuron read(QuantizedLayer c, Function<String, INDArray> param) {
        int n = c.neuronSteps();
        double tHat = param.apply(QuantParams.TIME).getDouble(0);
        int t = c.getFrames() > 0 ? c.getFrames() : TimeSteps.effective(tHat, c.getMaxTimeSteps());
        double[] steps = param.apply(QuantParams.SPIKE_STEPS).reshape(n).toDoubleVector();
        for (int s = 0; s < n; s++) {
            steps[s] = StepSize.clamp(steps[s]);
        }
        double[] bitHats = param.apply(QuantParams.SPIKE_BITS).reshape(n).toDoubleVector();
        int[] bits = new int[n];
        for (int s = 0; s < n; s++) {
            bits[s] = BitWidth.effective(bitHats[s], c.spikeBitBound());
        }
        double wBitHat = param.apply(QuantParams.WEIGHT_BITS).getDouble(0);
        return new QuantizedLayerImpl.Neuron(t, tHat, steps, bitHats, bits, wBitHat,
                BitWidth.effective(wBitHat, c.weightBitBound()),
                StepSize.clamp(param.apply(QuantParams.WEIGHT_STEP).getDouble(0)));
    }

    private static RenewalState renewalState(QuantizedLayer c, Function<String, INDArray> param) {
        return new RenewalState(param.apply(QuantParams.STATE), c.neuronSteps());
    }

    /** LSQ initialisation of the step sizes from the first training batch {@code x} (method.md §1); once. */
    public static void initialise(QuantizedLayer c, Function<String, INDArray> param, INDArray x) {
        RenewalState state = renewalState(c, param);
        if (state.initialised()) {
            return;
        }
        double meanAbsW = Transforms.abs(param.apply(QuantParams.WEIGHTS), true).meanNumber().doubleValue();
        param.apply(QuantParams.WEIGHT_STEP).assign(StepSize.initWeightStep(meanAbsW, c.getInitWeightBits()));
        double meanAbsX = Transforms.abs(x, true).meanNumber().doubleValue();
        double spikeStep = c.isFirst()
                ? StepSize.clamp(2 * meanAbsX / Math.sqrt(SpikeQuantizer.qmax(c.getInitSpikeBits(), true)))
                : StepSize.initSpikeStep(meanAbsX, c.getInitSpikeBits());
        param.apply(QuantParams.SPIKE_STEPS).assign(spikeStep);
        state.markInitialised();
    }

    /** Weight-side renewal on a bit change, when the policy asks for it (method.md §4). */
    public static void renewWeightStep(QuantizedLayer c, Function<String, INDArray> param) {
        int bits = BitWidth.effective(param.apply(QuantParams.WEIGHT_BITS).getDouble(0), c.weightBitBound());
        INDArray a = param.apply(QuantParams.WEIGHT_STEP);
        double step = a.getDouble(0);
        double renewed = LayerRenewal.weightStep(renewalState(c, param), bits, step);
        if (renewed != step) {
            a.assign(renewed);
        }
    }

    /** Activation-side renewal (method.md §4): each step whose bit width changed gets a step from its input. */
    public static void renewSpikeSteps(QuantizedLayer c, Function<String, INDArray> param, INDArray x,
                                       NeuronEngine engine) {
        QuantizedLayerImpl.Neuron neuron = read(c, param);
        double[] steps = neuron.steps();
        NeuronEngine.Setting now = setting(neuron); // shares steps: a membrane sees the steps renewed before it
        boolean[] renewed = LayerRenewal.spikeSteps(renewalState(c, param), neuron.timeSteps(), neuron.bits(), steps,
                c.isFirst(), new RangeSearch(c.getRenewalGrid(), c.getRenewalPower()), t -> engine.membrane(x, t, now));
        INDArray stepsView = param.apply(QuantParams.SPIKE_STEPS);
        for (int t = 0; t < renewed.length; t++) {
            if (renewed[t]) {
                stepsView.putScalar(t, steps[t]);
            }
        }
    }

    /**
     * Writes the layer's parameter gradients from one backward pass: the weights' and bias's (straight through the
     * quantizer), the weight step's, the bit widths' and T's where they are learned (T only for time-free input), and
     * none for the renewal state. {@code bias} is null without a bias.
     */
    public static void writeGradients(QuantizedLayer c, Function<String, INDArray> gradient,
                                      QuantizedLayerImpl.Neuron used, QuantizerGradients weights, INDArray bias,
                                      NeuronEngine.Gradients neuron) {
        set(gradient.apply(QuantParams.WEIGHTS), weights.input());
        if (c.isHasBias()) {
            set(gradient.apply(QuantParams.BIAS), bias);
        }
        gradient.apply(QuantParams.WEIGHT_STEP).assign(weights.step());
        gradient.apply(QuantParams.WEIGHT_BITS).assign(
                c.isLearnWeightBits() ? BitWidth.gradientToHat(used.weightBitHat(), weights.bits()) : 0.0);
        set(gradient.apply(QuantParams.SPIKE_STEPS), Nd4j.createFromArray(neuron.steps()));
        double[] bitHats = c.isLearnSpikeBits() ? neuron.bitHats() : new double[neuron.bitHats().length];
        set(gradient.apply(QuantParams.SPIKE_BITS), Nd4j.createFromArray(bitHats));
        gradient.apply(QuantParams.TIME).assign(c.isLearnTimeSteps() && c.getFrames() == 0 ? neuron.tHat() : 0.0);
        gradient.apply(QuantParams.STATE).assign(0);
    }

    private static void set(INDArray view, INDArray values) {
        view.assign(values.reshape(view.shape()));
    }

    /** The layer's bits as the bit loss reads them (method.md §5); {@code inputElements} per sample (per frame). */
    public static LayerBits bits(QuantizedLayer c, Function<String, INDArray> param, long inputElements) {
        int n = c.neuronSteps();
        return new LayerBits(((WeightShaped) c).weightCount(), inputElements,
                param.apply(QuantParams.WEIGHT_BITS).getDouble(0), c.weightBitBound(),
                param.apply(QuantParams.SPIKE_BITS).reshape(n).toDoubleVector(), c.spikeBitBound(),
                c.getFrames() > 0 ? c.getFrames() : param.apply(QuantParams.TIME).getDouble(0),
                c.getFrames() > 0 ? c.getFrames() : c.getMaxTimeSteps());
    }

    /**
     * Adds the bit loss's gradient {@code g} to the layer's gradients, each only where that quantity is learned,
     * scaled by {@code batch} (the gradients are batch sums the updater divides).
     */
    public static void addBitLoss(QuantizedLayer c, Function<String, INDArray> gradient, BitLoss.Gradient g,
                                  double batch) {
        if (c.isLearnWeightBits() && !c.isFirst()) {
            add(gradient.apply(QuantParams.WEIGHT_BITS), 0, g.weightBitHat() * batch);
        }
        if (c.isLearnSpikeBits() && !c.isFirst()) {
            INDArray view = gradient.apply(QuantParams.SPIKE_BITS);
            double[] gs = g.spikeBitHats();
            for (int t = 0; t < gs.length; t++) {
                add(view, t, gs[t] * batch);
            }
        }
        if (c.isLearnTimeSteps() && c.getFrames() == 0) {
            add(gradient.apply(QuantParams.TIME), 0, g.tHat() * batch);
        }
    }

    private static void add(INDArray view, int i, double v) {
        view.putScalar(i, view.getDouble(i) + v);
    }
}
