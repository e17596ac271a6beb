package io.github.abasnn.neuron;

import io.github.abasnn.quant.BitWidth;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.quant.StepSize;
import io.github.abasnn.tensor.Tensors;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The refined neuron for input with a real time axis (event frames, audio spikes), method.md §3:
 * {@code m_t = stopgrad(m_{t-1} - s_{t-1}) + x_t}, {@code s_t = Q_t(m_t)}; nothing is squeezed, the following layer
 * runs on every step, and {@code T} is the number of frames. Each step has its own step size and bit width.
 */
public final class EventNeuron {
    private final int timeSteps;
    private final double bitBound;
    private final boolean signed;
    private final double decay;
    private final Firing firing;

    public EventNeuron(int timeSteps, double bitBound, boolean signed) {
        this(timeSteps, bitBound, signed, 1.0, Firing.ROUND);
    }

    /** With the ablation options of {@link RefinedNeuron#RefinedNeuron(int, double, boolean, double, Firing)}. */
    public EventNeuron(int timeSteps, double bitBound, boolean signed, double decay, Firing firing) {
        TimeSteps.checkMax(timeSteps);
        BitWidth.checkBound(bitBound);
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("leak decay 1/tau must lie in (0, 1], got " + decay);
        }
        this.timeSteps = timeSteps;
        this.bitBound = bitBound;
        this.signed = signed;
        this.decay = decay;
        this.firing = firing;
    }

    public int timeSteps() {
        return timeSteps;
    }

    /**
     * @param xs one input per time step, all of one shape; there must be exactly {@code T} of them
     */
    public Forward forward(INDArray[] xs, double[] steps, double[] bitHats) {
        checkPerStep(xs == null ? -1 : xs.length, "input frames");
        checkPerStep(steps.length, "steps");
        checkPerStep(bitHats.length, "bitHats");
        SpikeQuantizer.Forward[] fired = new SpikeQuantizer.Forward[timeSteps];
        INDArray[] out = new INDArray[timeSteps];
        INDArray membrane = null;
        for (int t = 0; t < timeSteps; t++) {
            Tensors.requireFinite(xs[t], "neuron input at time step " + t);
            if (t > 0 && !xs[t].equalShapes(xs[0])) {
                throw new IllegalArgumentException("input frame " + t + " has shape "
                        + java.util.Arrays.toString(xs[t].shape()) + ", frame 0 has "
                        + java.util.Arrays.toString(xs[0].shape()));
            }
            membrane = t == 0 ? xs[0] : membrane.sub(out[t - 1]).muli(decay).addi(xs[t]);
            int bits = BitWidth.effective(bitHats[t], bitBound);
            StepSize.check(steps[t], "spike step size of time step " + t);
            fired[t] = SpikeQuantizer.forward(membrane, steps[t], bits, signed, firing);
            out[t] = fired[t].output();
        }
        return new Forward(out, fired);
    }

    /** Backward pass, one upstream gradient per time step. */
    public Gradients backward(Forward f, INDArray[] gradOut, double[] bitHats) {
        checkPerStep(gradOut.length, "output gradients");
        INDArray[] gradX = new INDArray[timeSteps];
        double[] gradSteps = new double[timeSteps];
        double[] gradBits = new double[timeSteps];
        for (int t = 0; t < timeSteps; t++) {
            QuantizerGradients g = SpikeQuantizer.backward(f.fired()[t], gradOut[t]);
            gradX[t] = g.input(); // x_t reaches only s_t: the reset path carries no gradient
            gradSteps[t] = g.step();
            gradBits[t] = BitWidth.gradientToHat(bitHats[t], g.bits());
        }
        return new Gradients(gradX, gradSteps, gradBits);
    }

    private void checkPerStep(int n, String name) {
        if (n != timeSteps) {
            throw new IllegalArgumentException(name + " must have T = " + timeSteps + " entries, got " + n);
        }
    }

    /** One call: the spikes of every step. */
    public record Forward(INDArray[] output, SpikeQuantizer.Forward[] fired) {}

    /** Gradients per time step. */
    public record Gradients(INDArray[] inputs, double[] steps, double[] bitHats) {}
}
