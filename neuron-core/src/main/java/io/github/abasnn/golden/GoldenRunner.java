package io.github.abasnn.golden;

import io.github.abasnn.kernel.FusedNeuron;
import io.github.abasnn.kernel.FusedTimeFreeNeuron;
import io.github.abasnn.kernel.FusedWeightEngine;
import io.github.abasnn.neuron.RefinedNeuron;
import io.github.abasnn.neuron.NeuronGradients;
import io.github.abasnn.neuron.TimeSteps;
import io.github.abasnn.quant.BitWidth;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.SpikeQuantizer;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.quant.ReferenceWeightEngine;
import io.github.abasnn.quant.WeightEngine;
import io.github.abasnn.renewal.BitWidthObserver;
import io.github.abasnn.renewal.RangeSearch;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Recomputes a golden case with neuron-core and returns the comparisons of every output and gradient.
 * A kind it does not know is an error, never a skip.
 */
public final class GoldenRunner {
    private GoldenRunner() {}

    /** Which implementation recomputes the spiking cases. */
    public enum Engine {
        /** ND4J op chains ({@code quant}, {@code neuron}): any backend. */
        REFERENCE,
        /** The single-pass CPU kernels ({@code kernel.FusedNeuron}) the layers train with. */
        FUSED
    }

    public static List<Comparison> run(GoldenCase c) {
        return run(c, Engine.REFERENCE);
    }

    public static List<Comparison> run(GoldenCase c, Engine engine) {
        boolean fused = engine == Engine.FUSED;
        switch (c.kind()) {
            case "weight_quant": return fused ? fusedWeightQuant(c, StepGradient.LSQ) : weightQuant(c, StepGradient.LSQ);
            case "weight_quant_conv_release":
                return fused ? fusedWeightQuant(c, StepGradient.RELEASE) : weightQuant(c, StepGradient.RELEASE);
            case "spike_quant": return fused ? fusedSpikeQuant(c) : spikeQuant(c);
            case "refined_neuron": return fused ? fusedRefinedNeuron(c) : refinedNeuron(c);
            case "renewal": return renewal(c);
            default:
                throw new GoldenFormatException(c.file() + ": case " + c.index() + ": unknown kind '" + c.kind()
                        + "' (known: weight_quant, weight_quant_conv_release, spike_quant, refined_neuron, renewal)");
        }
    }

    private static List<Comparison> weightQuant(GoldenCase c, StepGradient rule) {
        double bitHat = c.param("bit_hat");
        int bits = BitWidth.effective(bitHat, c.param("bit_bound"));
        INDArray gradOut = c.input("grad_out");
        WeightEngine engine = new ReferenceWeightEngine(); // what a layer whose weights the kernel cannot take runs
        INDArray wq = engine.forward(c.input("w"), c.input("step").getDouble(0), bits);
        QuantizerGradients g = engine.backward(gradOut, rule);
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("bit_used", c.param("bit_used"), bits));
        out.add(Comparison.of("wq", c.outputTensor("wq"), wq));
        out.add(Comparison.of("grad_w", c.outputTensor("grad_w"), g.input()));
        out.add(Comparison.of("grad_step", c.outputScalar("grad_step"), g.step()));
        out.add(Comparison.of("grad_bit", c.outputScalar("grad_bit"), BitWidth.gradientToHat(bitHat, g.bits())));
        return out;
    }

    private static List<Comparison> spikeQuant(GoldenCase c) {
        double bitHat = c.param("bit_hat");
        int bits = BitWidth.effective(bitHat, c.param("bit_bound"));
        SpikeQuantizer.Forward f = SpikeQuantizer.forward(c.input("x"), c.input("step").getDouble(0), bits,
                c.flag("signed"));
        QuantizerGradients g = SpikeQuantizer.backward(f, c.input("grad_out"));
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("bit_used", c.param("bit_used"), bits));
        out.add(Comparison.of("y", c.outputTensor("y"), f.output()));
        out.add(Comparison.of("grad_x", c.outputTensor("grad_x"), g.input()));
        out.add(Comparison.of("grad_step", c.outputScalar("grad_step"), g.step()));
        out.add(Comparison.of("grad_bit", c.outputScalar("grad_bit"), BitWidth.gradientToHat(bitHat, g.bits())));
        return out;
    }

    private static List<Comparison> refinedNeuron(GoldenCase c) {
        int tMax = (int) c.param("t_max");
        double tHat = c.param("t_hat");
        double bound = c.param("bit_bound");
        double[] bitHats = c.paramList("bit_hat");
        double[] steps = c.input("steps").reshape(-1).toDoubleVector();
        RefinedNeuron neuron = new RefinedNeuron(tMax, bound, false);
        RefinedNeuron.Forward f = neuron.forward(c.input("x"), tHat, steps, bitHats);
        NeuronGradients g = neuron.backward(f, c.input("grad_out"), bitHats);
        double[] bitsUsed = c.paramList("bit_used");
        double[] computedBits = new double[bitHats.length];
        for (int i = 0; i < bitHats.length; i++) {
            computedBits[i] = BitWidth.effective(bitHats[i], bound);
        }
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("t_used", c.param("t_used"), TimeSteps.effective(tHat, tMax)));
        out.add(new Comparison("bit_used", bitsUsed, computedBits, new long[] {bitsUsed.length}));
        out.add(Comparison.of("y", c.outputTensor("y"), f.output()));
        out.add(Comparison.of("grad_x", c.outputTensor("grad_x"), g.input()));
        out.add(Comparison.of("grad_T", c.outputScalar("grad_T"), g.tHat()));
        out.add(Comparison.of("grad_steps", c.outputTensor("grad_steps"), g.steps()));
        out.add(Comparison.of("grad_bits", c.outputTensor("grad_bits"), g.bitHats()));
        return out;
    }

    private static List<Comparison> fusedWeightQuant(GoldenCase c, StepGradient rule) {
        double bitHat = c.param("bit_hat");
        int bits = BitWidth.effective(bitHat, c.param("bit_bound"));
        INDArray w = c.input("w");
        double step = c.input("step").getDouble(0);
        WeightEngine engine = new FusedWeightEngine(); // what a layer trains with
        INDArray wq = engine.forward(w, step, bits);
        QuantizerGradients g = engine.backward(c.input("grad_out"), rule);
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("wq", c.outputTensor("wq"), wq));
        out.add(Comparison.of("grad_w", c.outputTensor("grad_w"), g.input()));
        out.add(Comparison.of("grad_step", c.outputScalar("grad_step"), g.step()));
        out.add(Comparison.of("grad_bit", c.outputScalar("grad_bit"), BitWidth.gradientToHat(bitHat, g.bits())));
        return out;
    }

    /** A spike quantizer is the fused neuron with one time step. */
    private static List<Comparison> fusedSpikeQuant(GoldenCase c) {
        double bitHat = c.param("bit_hat");
        int bits = BitWidth.effective(bitHat, c.param("bit_bound"));
        INDArray x = c.input("x");
        double[] step = {c.input("step").getDouble(0)};
        FusedTimeFreeNeuron kernel = FusedTimeFreeNeuron.method(c.flag("signed"));
        INDArray y = x.like();
        kernel.forward(x, y, 1, step, new int[] {bits});
        INDArray gradX = x.like();
        FusedNeuron.Gradients g = kernel.backward(x, c.input("grad_out"), gradX, 1, step, new int[] {bits});
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("y", c.outputTensor("y"), y));
        out.add(Comparison.of("grad_x", c.outputTensor("grad_x"), gradX));
        out.add(Comparison.of("grad_step", c.outputScalar("grad_step"), g.steps()[0]));
        out.add(Comparison.of("grad_bit", c.outputScalar("grad_bit"), BitWidth.gradientToHat(bitHat, g.bits()[0])));
        return out;
    }

    private static List<Comparison> fusedRefinedNeuron(GoldenCase c) {
        int tMax = (int) c.param("t_max");
        double tHat = c.param("t_hat");
        double bound = c.param("bit_bound");
        double[] bitHats = c.paramList("bit_hat");
        double[] steps = c.input("steps").reshape(-1).toDoubleVector();
        int t = TimeSteps.effective(tHat, tMax);
        int[] bits = new int[tMax];
        for (int i = 0; i < tMax; i++) {
            bits[i] = BitWidth.effective(bitHats[i], bound);
        }
        INDArray x = c.input("x");
        FusedTimeFreeNeuron kernel = FusedTimeFreeNeuron.method(false);
        INDArray y = x.like();
        kernel.forward(x, y, t, steps, bits);
        INDArray gradX = x.like();
        FusedNeuron.Gradients g = kernel.backward(x, c.input("grad_out"), gradX, t, steps, bits);
        double[] gradSteps = new double[tMax];
        double[] gradBits = new double[tMax];
        for (int i = 0; i < t; i++) {
            gradSteps[i] = g.steps()[i];
            gradBits[i] = BitWidth.gradientToHat(bitHats[i], g.bits()[i]);
        }
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("y", c.outputTensor("y"), y));
        out.add(Comparison.of("grad_x", c.outputTensor("grad_x"), gradX));
        out.add(Comparison.of("grad_T", c.outputScalar("grad_T"), g.tHat()));
        out.add(Comparison.of("grad_steps", c.outputTensor("grad_steps"), gradSteps));
        out.add(Comparison.of("grad_bits", c.outputTensor("grad_bits"), gradBits));
        return out;
    }

    private static List<Comparison> renewal(GoldenCase c) {
        int oldBit = (int) c.param("old_bit");
        int newBit = (int) c.param("new_bit");
        RangeSearch search = new RangeSearch((int) c.param("grid"), c.param("power"));
        BitWidthObserver observer = new BitWidthObserver(oldBit, c.param("running_min"), c.param("running_max"));
        double step = observer.observe(c.input("x"), newBit, false, Double.NaN, search);
        List<Comparison> out = new ArrayList<>();
        out.add(Comparison.of("running_min", c.outputScalar("running_min"), observer.runningMin()));
        out.add(Comparison.of("running_max", c.outputScalar("running_max"), observer.runningMax()));
        out.add(Comparison.of("step", c.outputScalar("step"), step));
        return out;
    }
}
