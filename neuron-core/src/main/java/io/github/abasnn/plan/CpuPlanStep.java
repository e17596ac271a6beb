package io.github.abasnn.plan;

import io.github.abasnn.kernel.FusedBatchNorm;
import io.github.abasnn.kernel.Vec;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.LayerBits;
import io.github.abasnn.neuron.NeuronEngine;
import io.github.abasnn.nn.FusedRelu;
import io.github.abasnn.nn.LayerSteps;
import io.github.abasnn.nn.QuantConv2DLayer;
import io.github.abasnn.nn.QuantDenseLayer;
import io.github.abasnn.nn.QuantParams;
import io.github.abasnn.nn.QuantizedLayer;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.TimeFoldVertexImpl;
import io.github.abasnn.nn.TimeMeanVertexImpl;
import io.github.abasnn.nn.WeightShaped;
import io.github.abasnn.quant.QuantizerGradients;
import io.github.abasnn.quant.WeightEngine;
import io.github.abasnn.profile.Phase;
import io.github.abasnn.profile.PhaseTimes;
import io.github.abasnn.tensor.Tensors;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The CPU backend of a {@link StepPlan}: one training step on flat parameter and updater-state vectors of its own,
 * with the project's fused neuron, weight-quantizer and batch-norm kernels and ND4J's (oneDNN's) convolutions. It is
 * the reference the device backend matches op by op, and it is held equal to DL4J's own step by tests.
 *
 * <p>A step: the forward pass in training mode (quantized layers clamp, initialise and renew their step sizes first),
 * the score, the backward pass (gradients as batch sums, fan-out summed), the bit loss's gradients scaled by the
 * batch size, then the update of every parameter by its own rule: divided by the batch size where DL4J divides,
 * regularization before the updater, Nesterov momentum, plain SGD or none (batch norm's running statistics).
 */
public final class CpuPlanStep {
    private final StepPlan plan;
    private final INDArray params;
    private final INDArray state;
    private final INDArray gradient;
    private final BitLoss bitLoss;
    private final Map<String, QuantRun> quantRuns = new HashMap<>();
    private final Map<String, BnRun> bnRuns = new HashMap<>();
    private final FusedRelu relu = new FusedRelu();

    /**
     * A step over copies of {@code params} and {@code updaterState} (laid out by {@code plan.layout()}); {@code
     * bitLoss} null for uniform quantization (no bit loss).
     */
    public CpuPlanStep(StepPlan plan, INDArray params, INDArray updaterState, BitLoss bitLoss) {
        ParamLayout layout = plan.layout();
        if (params.length() != layout.length() || updaterState.length() != layout.stateLength()) {
            throw new IllegalArgumentException("the plan lays out " + layout.length() + " parameters and "
                    + layout.stateLength() + " updater state values, got " + params.length() + " and "
                    + updaterState.length());
        }
        this.plan = plan;
        this.params = params.dup('c').reshape(params.length());
        this.state = updaterState.dup('c').reshape(updaterState.length());
        this.gradient = Nd4j.create(params.dataType(), params.length());
        this.bitLoss = bitLoss;
    }

    /** The parameters after the steps so far (a view; copy it to keep it). */
    public INDArray params() {
        return params;
    }

    /** The updater state after the steps so far. */
    public INDArray updaterState() {
        return state;
    }

    /** The last step's gradient (batch sums with the bit loss added), before the updater scaled it. */
    public INDArray gradient() {
        return gradient;
    }

    /**
     * One training step on a batch; {@code iteration} and {@code epoch} drive the rate schedules as DL4J's counters
     * do. Returns the score: the mean cross-entropy plus the regularization penalty, as DL4J's {@code score()}.
     */
    public double step(INDArray features, INDArray labels, int iteration, int epoch) {
        List<PlanOp> ops = plan.ops();
        INDArray[] values = new INDArray[plan.values()];
        values[0] = features.castTo(params.dataType()).dup('c');
        long batch = features.size(0);
        double regularization = regularizationScore(iteration, epoch);
        for (PlanOp op : ops) {
            values[op.output()] = forward(op, values);
        }
        INDArray probabilities = values[plan.loss()];
        double score = crossEntropy((PlanOp.SoftmaxCrossEntropy) ops.get(ops.size() - 1), probabilities, labels)
                / batch + regularization;

        gradient.assign(0);
        INDArray[] grads = new INDArray[plan.values()];
        grads[plan.loss()] = labels.castTo(params.dataType());
        for (int i = ops.size() - 1; i >= 0; i--) {
            PlanOp op = ops.get(i);
            INDArray g = grads[op.output()];
            if (g == null) {
                continue; // a value nothing downstream uses
            }
            INDArray[] in = backward(op, values, g);
            int[] inputs = op.inputs();
            for (int k = 0; k < inputs.length; k++) {
                if (inputs[k] == 0) {
                    continue; // no gradient for the network's input
                }
                grads[inputs[k]] = grads[inputs[k]] == null ? in[k] : grads[inputs[k]].add(in[k]);
            }
            values[op.output()] = null;
        }
        long clock = PhaseTimes.start();
        if (bitLoss != null) {
            addBitLoss(batch);
        }
        PhaseTimes.stop(Phase.BIT_LOSS, clock);
        clock = PhaseTimes.start();
        update(batch, iteration, epoch);
        PhaseTimes.stop(Phase.UPDATER, clock);
        return score;
    }

    private INDArray view(ParamSlice p) {
        return ParamLayout.view(params, p);
    }

    private INDArray gradView(ParamSlice p) {
        return ParamLayout.view(gradient, p);
    }

    private Function<String, INDArray> paramsOf(String layer) {
        return key -> view(plan.layout().slice(layer, key));
    }

    private Function<String, INDArray> gradientsOf(String layer) {
        return key -> gradView(plan.layout().slice(layer, key));
    }

    private INDArray forward(PlanOp op, INDArray[] v) {
        if (op instanceof PlanOp.QuantLinear q) {
            return quantRuns.computeIfAbsent(q.name(), n -> new QuantRun(q)).forward(v[q.input()]);
        } else if (op instanceof PlanOp.BatchNorm b) {
            return bnRuns.computeIfAbsent(b.name(), n -> new BnRun(b)).forward(v[b.input()]);
        } else if (op instanceof PlanOp.Relu r) {
            return relu.getActivation(v[r.input()].dup(), true);
        } else if (op instanceof PlanOp.Add a) {
            return v[a.left()].add(v[a.right()]);
        } else if (op instanceof PlanOp.GlobalAvgPool p) {
            return v[p.input()].mean(2, 3);
        } else if (op instanceof PlanOp.Pool p) {
            return pool(p, v[p.input()], null);
        } else if (op instanceof PlanOp.Flatten f) {
            return v[f.input()].dup('c').reshape('c', v[f.input()].size(0), -1);
        } else if (op instanceof PlanOp.TimeFold f) {
            return TimeFoldVertexImpl.fold(v[f.input()], f.frames());
        } else if (op instanceof PlanOp.TimeMean m) {
            return TimeMeanVertexImpl.mean(v[m.input()], m.frames());
        } else if (op instanceof PlanOp.SoftmaxCrossEntropy s) {
            return Transforms.softmax(v[s.input()], true);
        }
        throw new IllegalStateException("no forward for " + op);
    }

    /** Gradients w.r.t. the op's inputs, in {@link PlanOp#inputs()} order; parameter gradients go to the flat vector. */
    private INDArray[] backward(PlanOp op, INDArray[] v, INDArray g) {
        if (op instanceof PlanOp.QuantLinear q) {
            return new INDArray[] {quantRuns.get(q.name()).backward(g)};
        } else if (op instanceof PlanOp.BatchNorm b) {
            return new INDArray[] {bnRuns.get(b.name()).backward(g)};
        } else if (op instanceof PlanOp.Relu r) {
            return new INDArray[] {relu.backprop(v[r.input()].dup(), g.dup()).getFirst()};
        } else if (op instanceof PlanOp.Add) {
            return new INDArray[] {g, g};
        } else if (op instanceof PlanOp.GlobalAvgPool p) {
            INDArray x = v[p.input()];
            INDArray each = g.div(x.size(2) * x.size(3)).reshape('c', g.size(0), g.size(1), 1, 1);
            return new INDArray[] {each.repeat(2, x.size(2)).repeat(3, x.size(3)).dup('c')};
        } else if (op instanceof PlanOp.Pool p) {
            return new INDArray[] {pool(p, v[p.input()], g)};
        } else if (op instanceof PlanOp.Flatten f) {
            return new INDArray[] {g.dup('c').reshape('c', v[f.input()].shape())};
        } else if (op instanceof PlanOp.TimeFold f) {
            return new INDArray[] {TimeFoldVertexImpl.unfold(g, f.frames())};
        } else if (op instanceof PlanOp.TimeMean m) {
            return new INDArray[] {TimeMeanVertexImpl.spread(g, m.frames())};
        } else if (op instanceof PlanOp.SoftmaxCrossEntropy s) {
            // the value's gradient slot holds the labels: dL/dz = p - y (a batch sum once the layers below sum it)
            return new INDArray[] {v[s.output()].sub(g)};
        }
        throw new IllegalStateException("no backward for " + op);
    }

    /** libnd4j's pooling (its backward pass when {@code eps} is given), as DL4J's subsampling layer calls it. */
    private static INDArray pool(PlanOp.Pool p, INDArray x, INDArray eps) {
        String name = (p.kind() == PlanOp.PoolKind.AVG ? "avgpool2d" : "maxpool2d") + (eps == null ? "" : "_bp");
        INDArray out = eps == null
                ? Nd4j.create(x.dataType(), x.size(0), x.size(1), p.outSize(x.size(2)), p.outSize(x.size(3)))
                : x.ulike();
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name);
        if (eps == null) {
            b.addInputs(x);
        } else {
            b.addInputs(x, eps.dup('c'));
        }
        int k = p.kernel();
        int s = p.stride();
        int pad = p.padding();
        // kH, kW, sH, sW, pH, pW, dH, dW, same-mode, divisor mode (0: padding not counted), data format (0: NCHW)
        Nd4j.exec(b.addOutputs(out).addIntegerArguments(k, k, s, s, pad, pad, 1, 1, 0, 0, 0).build());
        return out;
    }

    /** {@code -sum(y log p)} over the batch with {@code p} clipped to {@code [clip, 1 - clip]}. */
    private static double crossEntropy(PlanOp.SoftmaxCrossEntropy op, INDArray p, INDArray labels) {
        INDArray clipped = p.dup();
        if (op.clip() > 0) {
            BooleanIndexing.replaceWhere(clipped, op.clip(), Conditions.lessThan(op.clip()));
            BooleanIndexing.replaceWhere(clipped, 1.0 - op.clip(), Conditions.greaterThan(1.0 - op.clip()));
        }
        return -Transforms.log(clipped, false).muli(labels.castTo(p.dataType())).sumNumber().doubleValue();
    }

    private double regularizationScore(int iteration, int epoch) {
        double sum = 0;
        for (ParamSlice p : plan.layout().slices()) {
            for (Regularization r : p.regularization()) {
                sum += r.score(view(p), iteration, epoch);
            }
        }
        return sum;
    }

    /**
     * The bit loss's gradients for every layer but the first (whose bits are fixed), as DL4J's bit-loss listener adds
     * them, scaled by the batch (the gradients are batch sums).
     */
    private void addBitLoss(long batch) {
        List<PlanOp.QuantLinear> layers = new ArrayList<>();
        List<LayerBits> bits = new ArrayList<>();
        for (PlanOp.QuantLinear q : plan.quantized()) {
            if (!plan.conf(q.name()).isFirst()) {
                layers.add(q);
                bits.add(LayerSteps.bits(plan.conf(q.name()), paramsOf(q.name()),
                        quantRuns.get(q.name()).inputElementsPerSample));
            }
        }
        if (layers.isEmpty()) {
            return;
        }
        List<BitLoss.Gradient> grads = bitLoss.evaluate(bits).gradients();
        for (int i = 0; i < layers.size(); i++) {
            String layer = layers.get(i).name();
            LayerSteps.addBitLoss(plan.conf(layer), gradientsOf(layer), grads.get(i), batch);
        }
    }

    /** Every parameter's update by its own rule (see the class comment), then {@code params -= update}. */
    private void update(long batch, int iteration, int epoch) {
        List<ParamSlice> slices = plan.layout().slices();
        FloatBuffer w = Vec.floats(params);
        FloatBuffer g = Vec.floats(gradient);
        FloatBuffer v = state.length() == 0 ? null : Vec.floats(state);
        java.util.stream.IntStream.range(0, slices.size()).parallel().forEach(k -> {
            ParamSlice p = slices.get(k);
            update(p.rule(iteration, epoch), w, g, v, (int) p.offset(), (int) p.stateOffset(), (int) p.length(),
                    batch);
        });
    }

    /**
     * One parameter's update by {@code rule}, in place: {@code w} its values, {@code g} its gradient (a batch sum, left
     * as it was), {@code v} its updater state; dense float host arrays of equal length.
     */
    public static void updateSlice(UpdateRule rule, INDArray w, INDArray g, INDArray v, long batch) {
        update(rule, Vec.floats(w), Vec.floats(g), rule.kind() == UpdateRule.Kind.NESTEROV ? Vec.floats(v) : null, 0, 0,
                (int) w.length(), batch);
    }

    /**
     * Elements {@code [at, at + n)} of the flat vectors (momenta from {@code stateAt}), element by element in float in
     * the order of the device's fused updater ({@code aba_update} in neuron-gpu's {@code step_elements.cuh}), so both
     * round alike.
     */
    private static void update(UpdateRule rule, FloatBuffer params, FloatBuffer grads, FloatBuffer momenta, int at,
                               int stateAt, int n, long batch) {
        float b = batch;
        float l2 = (float) rule.l2();
        float lr = (float) rule.learningRate();
        float mu = (float) rule.momentum();
        float onePlusMu = (float) (1 + rule.momentum());
        boolean divide = rule.divideByBatch();
        for (int i = 0; i < n; i++) {
            float p = params.get(at + i);
            float grad = divide ? grads.get(at + i) / b : grads.get(at + i);
            if (l2 != 0) {
                grad = l2 * p + grad;
            }
            float update;
            switch (rule.kind()) {
                case NESTEROV -> {
                    float previous = momenta.get(stateAt + i);
                    float next = previous * mu - grad * lr;
                    momenta.put(stateAt + i, next);
                    update = previous * mu - next * onePlusMu;
                }
                case SGD -> update = grad * lr;
                default -> update = grad;
            }
            params.put(at + i, p - update);
        }
    }

    /** One quantized layer's forward state between its forward and backward pass. */
    private final class QuantRun {
        private final PlanOp.QuantLinear op;
        private final QuantizedLayer conf;
        private final Function<String, INDArray> param;
        private NeuronEngine engine;
        private WeightEngine weightEngine;
        private INDArray x;
        private INDArray spikes;
        private INDArray quantized;
        private QuantizedLayerImpl.Neuron used;
        long inputElementsPerSample;

        QuantRun(PlanOp.QuantLinear op) {
            this.op = op;
            this.conf = plan.conf(op.name());
            this.param = paramsOf(op.name());
        }

        INDArray forward(INDArray input) {
            x = input.ordering() == 'c' && !input.isView() ? input : input.dup('c');
            if (engine == null) {
                engine = LayerSteps.engineFor(conf, x);
            }
            if (!engine.checksFinite()) {
                Tensors.requireFinite(x, "input of layer " + op.name());
            }
            inputElementsPerSample = x.length() / x.size(0);
            long clock = PhaseTimes.start();
            LayerSteps.clampSteps(param);
            LayerSteps.initialise(conf, param, x);
            LayerSteps.renewWeightStep(conf, param);
            LayerSteps.renewSpikeSteps(conf, param, x, engine);
            PhaseTimes.stop(Phase.STEP_INIT_AND_RENEWAL, clock);
            used = LayerSteps.read(conf, param);
            clock = PhaseTimes.start();
            spikes = engine.forward(x, LayerSteps.setting(used), false).output();
            PhaseTimes.stop(Phase.NEURON_FORWARD, clock);
            INDArray w = param.apply(QuantParams.WEIGHTS).reshape('c', ((WeightShaped) conf).weightShape());
            if (weightEngine == null) {
                weightEngine = LayerSteps.weightEngineFor(w);
            }
            clock = PhaseTimes.start();
            quantized = weightEngine.forward(w, used.weightStep(), used.weightBits());
            PhaseTimes.stop(Phase.WEIGHT_QUANT_FORWARD, clock);
            INDArray bias = conf.isHasBias() ? param.apply(QuantParams.BIAS) : null;
            clock = PhaseTimes.start();
            INDArray out = op.linear() instanceof PlanOp.Conv c
                    ? QuantConv2DLayer.forward(spikes, quantized, bias, c.kernel(), c.stride(), c.padding())
                    : QuantDenseLayer.forward(spikes, quantized, bias == null ? null : bias.reshape(1, -1));
            PhaseTimes.stop(Phase.CONV_FORWARD, clock);
            return out;
        }

        INDArray backward(INDArray eps) {
            long clock = PhaseTimes.start();
            INDArray[] lin = op.linear() instanceof PlanOp.Conv c
                    ? QuantConv2DLayer.backward(spikes, quantized, conf.isHasBias() ? param.apply(QuantParams.BIAS)
                            : null, eps, c.kernel(), c.stride(), c.padding())
                    : QuantDenseLayer.backward(spikes, quantized, eps, conf.isHasBias());
            PhaseTimes.stop(Phase.CONV_BACKWARD, clock);
            clock = PhaseTimes.start();
            QuantizerGradients wg = weightEngine.backward(lin[1], conf.getStepGradient());
            PhaseTimes.stop(Phase.WEIGHT_QUANT_BACKWARD, clock);
            clock = PhaseTimes.start();
            NeuronEngine.Gradients g = engine.backward(x, lin[0], LayerSteps.setting(used));
            PhaseTimes.stop(Phase.NEURON_BACKWARD, clock);
            LayerSteps.writeGradients(conf, gradientsOf(op.name()), used, wg, lin[2], g);
            spikes = null;
            quantized = null;
            x = null;
            return g.input();
        }
    }

    /** {@code a} itself where the fused kernels can read it in place, else a dense copy. */
    private static INDArray contiguous(INDArray a) {
        return Vec.supports(a) ? a : a.dup('c');
    }

    /** One batch-norm op's batch statistics between its forward and backward pass. */
    private final class BnRun {
        private final PlanOp.BatchNorm op;
        private INDArray x;
        private INDArray mean;
        private INDArray var;

        BnRun(PlanOp.BatchNorm op) {
            this.op = op;
        }

        private INDArray param(String key) {
            return view(plan.layout().slice(op.name(), key));
        }

        INDArray forward(INDArray input) {
            long clock = PhaseTimes.start();
            x = contiguous(input.rank() == 2 ? input.reshape('c', input.size(0), input.size(1), 1, 1) : input);
            long channels = x.size(1);
            mean = Nd4j.create(x.dataType(), channels);
            var = Nd4j.create(x.dataType(), channels);
            FusedBatchNorm.statistics(x, mean, var);
            INDArray y = Nd4j.createUninitialized(x.dataType(), x.shape());
            FusedBatchNorm.forward(x, mean, var, param(BatchNormalizationParamInitializer.GAMMA), param(BatchNormalizationParamInitializer.BETA),
                    op.eps(), y);
            PhaseTimes.stop(Phase.BATCH_NORM_FORWARD, clock);
            return input.rank() == 2 ? y.reshape('c', input.size(0), input.size(1)) : y;
        }

        INDArray backward(INDArray eps) {
            long clock = PhaseTimes.start();
            boolean flat = eps.rank() == 2;
            INDArray dy = contiguous(flat ? eps.reshape('c', eps.size(0), eps.size(1), 1, 1) : eps);
            INDArray dx = Nd4j.createUninitialized(x.dataType(), x.shape());
            ParamLayout layout = plan.layout();
            FusedBatchNorm.backward(x, dy, mean, var, param(BatchNormalizationParamInitializer.GAMMA), op.eps(), dx,
                    gradView(layout.slice(op.name(), BatchNormalizationParamInitializer.GAMMA)),
                    gradView(layout.slice(op.name(), BatchNormalizationParamInitializer.BETA)));
            // running statistics: param -= gradient, with no updater (DL4J's NoOp); in float as DL4J computes them
            INDArray runMean = param(BatchNormalizationParamInitializer.GLOBAL_MEAN);
            INDArray gradMean = gradView(layout.slice(op.name(), BatchNormalizationParamInitializer.GLOBAL_MEAN));
            String spreadKey = op.logStd() ? BatchNormalizationParamInitializer.GLOBAL_LOG_STD
                    : BatchNormalizationParamInitializer.GLOBAL_VAR;
            INDArray spread = param(spreadKey);
            INDArray gradSpread = gradView(layout.slice(op.name(), spreadKey));
            float keep = (float) (1.0 - op.decay());
            float decay = (float) op.decay();
            float halfLog10 = (float) (1 / (2 * Math.log(10)));
            for (int ch = 0; ch < mean.length(); ch++) {
                float batchVar = var.getFloat(ch);
                gradMean.putScalar(ch, (runMean.getFloat(ch) - mean.getFloat(ch)) * keep);
                if (op.logStd()) { // log10 std' = log10 sqrt(d std^2 + (1 - d) var): a decrement 0.5 log10(std^2 / var')
                    float std = (float) Math.pow(10, spread.getFloat(ch));
                    float now = std * std;
                    float next = now * decay + batchVar * keep;
                    gradSpread.putScalar(ch, (float) Math.log(now / next) * halfLog10);
                } else {
                    gradSpread.putScalar(ch, (spread.getFloat(ch) - batchVar) * keep);
                }
            }
            x = null;
            PhaseTimes.stop(Phase.BATCH_NORM_BACKWARD, clock);
            return flat ? dx.reshape('c', eps.size(0), eps.size(1)) : dx;
        }
    }
}
