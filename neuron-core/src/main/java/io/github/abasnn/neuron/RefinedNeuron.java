package io.github.abasnn.neuron;

import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.BitWidth;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.quant.StepSize;
import io.github.abasnn.tensor.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The quantization-aware refined spiking neuron for time-free input (method.md §3): integrate-and-fire with leak
 * 1, multi-bit firing through the {@link SpikeQuantizer} with a rounding shift, soft reset by what it fired, and
 * temporal squeezing so the following conv/dense layer sees one tensor.
 *
 * <pre>
 * m_0 = x;  s_0 = Q_0(m_0)
 * m_t = stopgrad(m_{t-1} - s_{t-1}) + x;  s_t = Q_t(m_t)          t = 1 .. T-1
 * out = (s_0 + ... + s_{T-1}) / T_g,  T_g = T + T_hat - stopgrad(T_hat)
 * </pre>
 *
 * Each time step {@code t < T_max} has its own step size {@code g_t} (the threshold) and bit width {@code Bs_t}.
 */
public final class RefinedNeuron {
    private final int tMax;
    private final double bitBound;
    private final boolean signed;
    private final double decay;
    private final Firing firing;

    /**
     * @param tMax     the largest temporal length (init T + 1 in the paper)
     * @param bitBound upper bound of the spike bit width (init bits + 2 in the paper)
     * @param signed   signed spikes (first layer only)
     */
    public RefinedNeuron(int tMax, double bitBound, boolean signed) {
        this(tMax, bitBound, signed, 1.0, Firing.ROUND);
    }

    /**
     * With the ablation options: {@code decay = 1/tau} scales the reset membrane ({@code m_t = decay (m - s) + x};
     * 1 is the method) and {@link Firing#FLOOR} replaces the rounding shift.
     */
    public RefinedNeuron(int tMax, double bitBound, boolean signed, double decay, Firing firing) {
        TimeSteps.checkMax(tMax);
        BitWidth.checkBound(bitBound);
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("leak decay 1/tau must lie in (0, 1], got " + decay);
        }
        this.tMax = tMax;
        this.bitBound = bitBound;
        this.signed = signed;
        this.decay = decay;
        this.firing = firing;
    }

    public int tMax() {
        return tMax;
    }

    public double bitBound() {
        return bitBound;
    }

    public boolean signed() {
        return signed;
    }

    /**
     * Forward pass.
     *
     * @param steps   step sizes, length {@code T_max}
     * @param bitHats real-valued spike bit widths, length {@code T_max}
     */
    public Forward forward(INDArray x, double tHat, double[] steps, double[] bitHats) {
        checkPerStep(steps, "steps");
        checkPerStep(bitHats, "bitHats");
        Tensors.requireFinite(x, "neuron input");
        int t = TimeSteps.effective(tHat, tMax);
        SpikeQuantizer.Forward[] fired = new SpikeQuantizer.Forward[t];
        INDArray membrane = x;
        INDArray sum = null;
        for (int step = 0; step < t; step++) {
            int bits = BitWidth.effective(bitHats[step], bitBound);
            StepSize.check(steps[step], "spike step size of time step " + step);
            fired[step] = SpikeQuantizer.forward(membrane, steps[step], bits, signed, firing);
            INDArray spikes = fired[step].output();
            sum = step == 0 ? spikes.dup() : sum.addi(spikes);
            if (step + 1 < t) {
                membrane = membrane.sub(spikes).muli(decay).addi(x); // soft reset: no gradient through (m - s)
            }
        }
        return new Forward(sum.divi(t), fired, t, tHat);
    }

    /** Backward pass for {@code gradOut = dL/dout}. */
    public NeuronGradients backward(Forward f, INDArray gradOut, double[] bitHats) {
        checkPerStep(bitHats, "bitHats");
        int t = f.timeSteps();
        INDArray perStep = gradOut.div(t); // dL/ds_t for every computed step
        double[] gradSteps = new double[tMax];
        double[] gradBits = new double[tMax];
        INDArray gradX = null;
        for (int step = 0; step < t; step++) {
            QuantizerGradients g = SpikeQuantizer.backward(f.fired()[step], perStep);
            gradX = step == 0 ? g.input() : gradX.addi(g.input());
            gradSteps[step] = g.step();
            gradBits[step] = BitWidth.gradientToHat(bitHats[step], g.bits());
        }
        double gradT = -Tensors.dot(gradOut, f.output()) / t;
        return new NeuronGradients(gradX, gradT, gradSteps, gradBits);
    }

    private void checkPerStep(double[] values, String name) {
        if (values == null || values.length != tMax) {
            throw new IllegalArgumentException(name + " must have T_max = " + tMax + " entries, got "
                    + (values == null ? "null" : values.length));
        }
    }

    /**
     * One neuron call.
     *
     * @param output    the squeezed output {@code sum_t s_t / T}
     * @param fired     each computed step's quantizer call (its integer spikes are {@code levels()})
     * @param timeSteps the integer {@code T} used
     */
    public record Forward(INDArray output, SpikeQuantizer.Forward[] fired, int timeSteps, double tHat) {}
}
