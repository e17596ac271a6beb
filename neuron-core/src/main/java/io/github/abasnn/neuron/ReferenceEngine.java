package io.github.abasnn.neuron;

import io.github.abasnn.quant.SpikeQuantizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The neuron as ND4J op chains ({@link RefinedNeuron}, or {@link EventNeuron} over frames): runs on any backend, a
 * GPU's included, and is the definition the fused kernel is checked against.
 */
public final class ReferenceEngine implements NeuronEngine {
    private final Spec spec;
    private RefinedNeuron.Forward refined;
    private EventNeuron.Forward event;

    public ReferenceEngine(Spec spec) {
        this.spec = spec;
    }

    @Override
    public Spikes forward(INDArray x, Setting s, boolean count) {
        if (spec.input() == NeuronInput.FRAMES) {
            event = eventNeuron(s).forward(frames(x, s.timeSteps()), s.steps().clone(), s.bitHats());
            refined = null;
            return new Spikes(Nd4j.concat(0, event.output()).reshape(x.shape()),
                    count ? countNonzero(event.fired()) : new long[0]);
        }
        refined = new RefinedNeuron(s.steps().length, spec.spikeBitBound(), spec.signed(), spec.decay(),
                spec.firing()).forward(x, s.tHat(), s.steps().clone(), s.bitHats());
        event = null;
        return new Spikes(refined.output(), count ? countNonzero(refined.fired()) : new long[0]);
    }

    @Override
    public Gradients backward(INDArray x, INDArray gradOut, Setting s) {
        if (spec.input() == NeuronInput.FRAMES) {
            EventNeuron.Gradients g = eventNeuron(s).backward(event, frames(gradOut, s.timeSteps()), s.bitHats());
            return new Gradients(Nd4j.concat(0, g.inputs()).reshape(x.shape()), g.steps(), g.bitHats(), 0);
        }
        NeuronGradients g = new RefinedNeuron(s.steps().length, spec.spikeBitBound(), spec.signed(), spec.decay(),
                spec.firing()).backward(refined, gradOut, s.bitHats());
        return new Gradients(g.input(), g.steps(), g.bitHats(), g.tHat());
    }

    @Override
    public INDArray membrane(INDArray x, int t, Setting s) {
        INDArray[] xs = spec.input() == NeuronInput.FRAMES ? frames(x, s.timeSteps()) : null;
        INDArray m = xs != null ? xs[0] : x;
        for (int step = 0; step < t; step++) {
            INDArray spike = SpikeQuantizer.forward(m, s.steps()[step], s.bits()[step], spec.signed(), spec.firing())
                    .output();
            m = m.sub(spike).muli(spec.decay()).addi(xs != null ? xs[step + 1] : x);
        }
        return m;
    }

    @Override
    public boolean checksFinite() {
        return false; // it does, but the layer's own check names the layer
    }

    private EventNeuron eventNeuron(Setting s) {
        return new EventNeuron(s.timeSteps(), spec.spikeBitBound(), spec.signed(), spec.decay(), spec.firing());
    }

    /** Splits a time-major folded batch {@code [T*B, ...]} into T frames. */
    private static INDArray[] frames(INDArray folded, int t) {
        long b = folded.size(0) / t;
        INDArray[] out = new INDArray[t];
        for (int s = 0; s < t; s++) {
            out[s] = folded.get(NDArrayIndex.interval(s * b, (s + 1) * b)).dup('c');
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
}
