package io.github.abasnn.gpu.step;

import io.github.abasnn.gpu.GpuKernels;
import io.github.abasnn.gpu.GpuKernels.Precision;
import io.github.abasnn.gpu.GradientSums;
import io.github.abasnn.gpu.NeuronParams;
import io.github.abasnn.gpu.cuda.CudaDevice;
import io.github.abasnn.gpu.cuda.Cublas;
import io.github.abasnn.gpu.cuda.Cudnn;
import io.github.abasnn.gpu.cuda.CudnnConvolution;
import io.github.abasnn.gpu.cuda.DeviceArray;
import io.github.abasnn.gpu.cuda.DeviceClock;
import io.github.abasnn.gpu.cuda.MathMode;
import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.LayerBits;
import io.github.abasnn.neuron.TimeSteps;
import io.github.abasnn.nn.QuantParams;
import io.github.abasnn.plan.PlanOp;
import io.github.abasnn.plan.PlanSpec;
import io.github.abasnn.plan.QuantLayerSpec;
import io.github.abasnn.plan.UpdateRule;
import io.github.abasnn.profile.Phase;
import io.github.abasnn.quant.BitWidth;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.StepSize;
import io.github.abasnn.renewal.RenewalLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The device backend of a step plan: one training step on flat parameter and updater-state vectors held on one GPU,
 * op by op as neuron-core's {@code CpuPlanStep} runs it (which is held equal to DL4J's step), so the same
 * {@link PlanSpec} trains on either. Convolutions on cuDNN, dense products on cuBLAS, everything else on the
 * project's kernels ({@code kernels/*.cu}); float tensors, sums in double where the CPU sums in double.
 *
 * <p>The host keeps what is scalar: each quantized layer's step sizes, bit widths, T and renewal state are copied
 * out after every update (a few hundred floats), so the setting of each layer's next forward, the gradients of its
 * step sizes, bits and T (from the sums its kernels leave, {@link GradientSums}) and the bit loss are computed with
 * neuron-core's own scalar code, as the issue allows ("scalars to the host once per step"). LSQ initialisation and
 * renewal, rare, go to a {@link StepSizeHost}.
 */
public final class GpuPlanStep implements AutoCloseable {
    private static final String W = QuantParams.WEIGHTS;
    private static final String B = QuantParams.BIAS;
    private static final String W_STEP = QuantParams.WEIGHT_STEP;
    private static final String W_BITS = QuantParams.WEIGHT_BITS;
    private static final String S_STEPS = QuantParams.SPIKE_STEPS;
    private static final String S_BITS = QuantParams.SPIKE_BITS;
    private static final String TIME = QuantParams.TIME;
    private static final String STATE = QuantParams.STATE;
    // DL4J's batch-norm keys (BatchNormalizationParamInitializer; DL4J is not on the device's class path)
    private static final String GAMMA = "gamma";
    private static final String BETA = "beta";
    private static final String MEAN = "mean";
    private static final String VAR = "var";
    private static final String LOG_STD = "log10stdev";

    private final GpuKernels kernels;
    private final StepKernels step;
    private final CudaDevice device;
    private final Cudnn cudnn;
    private final Cublas cublas;
    private final PlanSpec plan;
    private final BitLoss bitLoss;
    private final StepSizeHost host;
    private final Map<String, Map<String, PlanSpec.Slice>> slices = new HashMap<>();
    private final DeviceArray params;
    private final DeviceArray state;
    private final DeviceArray gradient;
    private final Map<String, QuantRun> quantRuns = new LinkedHashMap<>();
    private final Map<String, BnRun> bnRuns = new HashMap<>();
    private final Map<String, CudnnConvolution> convolutions = new HashMap<>();
    private long[] shapedFor;
    private long[][] shapes;
    private DeviceArray[] values;
    private DeviceArray[] grads;
    private boolean[] owned;
    private DeviceArray scratch;
    private DeviceArray labels;
    private DeviceArray logitGrad;
    /** Per step, in double: the summed loss [0], each quantized layer's sums, then each parameter's sum x^2, |x|. */
    private DeviceArray sums;
    private int penaltyAt;
    private final DeviceArray sliceTable;
    private DeviceClock clock;
    private boolean counting;

    /**
     * A step on {@code device}'s kernels over copies of {@code params} and {@code updaterState} (laid out as {@code
     * plan} says); {@code bitLoss} null for a uniform network.
     */
    public GpuPlanStep(GpuKernels kernels, MathMode math, PlanSpec plan, float[] params, float[] updaterState,
                       BitLoss bitLoss, StepSizeHost host) {
        if (params.length != plan.length() || updaterState.length != plan.stateLength()) {
            throw new IllegalArgumentException("the plan lays out " + plan.length() + " parameters and "
                    + plan.stateLength() + " updater state values, got " + params.length + " and "
                    + updaterState.length);
        }
        this.kernels = kernels;
        this.step = new StepKernels(kernels);
        this.device = kernels.device();
        this.cudnn = new Cudnn(device, math);
        this.cublas = new Cublas(device, math);
        this.plan = plan;
        this.bitLoss = bitLoss;
        this.host = host;
        for (PlanSpec.Slice s : plan.slices()) {
            slices.computeIfAbsent(s.layer(), k -> new HashMap<>()).put(s.key(), s);
        }
        this.params = DeviceArray.of(device, params);
        this.state = DeviceArray.of(device, updaterState.length == 0 ? new float[1] : updaterState);
        this.gradient = DeviceArray.allocate(device, 4L * params.length);
        for (PlanOp op : plan.ops()) {
            if (op instanceof PlanOp.QuantLinear q) {
                quantRuns.put(q.name(), new QuantRun(q));
            } else if (op instanceof PlanOp.BatchNorm b) {
                bnRuns.put(b.name(), new BnRun(b));
            }
        }
        this.sliceTable = DeviceArray.allocate(device, (long) AbaSlices.SIZE * Math.max(1, plan.slices().size()));
        this.clock = new DeviceClock(device, false);
    }

    /** Times each step's phases on {@code clock} (the bench's breakdown; its owner closes it). */
    public void clock(DeviceClock clock) {
        this.clock = clock;
    }

    /** The parameter slice {@code layer/key}; fails naming it when the plan has none. */
    private PlanSpec.Slice slice(String layer, String key) {
        PlanSpec.Slice s = slices.getOrDefault(layer, Map.of()).get(key);
        if (s == null) {
            throw new IllegalStateException("the plan has no parameter " + layer + "/" + key);
        }
        return s;
    }

    private boolean has(String layer, String key) {
        return slices.getOrDefault(layer, Map.of()).containsKey(key);
    }

    private DeviceArray param(PlanSpec.Slice s) {
        return params.floatView(s.offset(), s.length());
    }

    private DeviceArray grad(PlanSpec.Slice s) {
        return gradient.floatView(s.offset(), s.length());
    }

    public CudaDevice device() {
        return device;
    }

    /** The parameters after the steps so far. */
    public float[] params() {
        return params.readFloats(0, (int) plan.length());
    }

    /** The updater state after the steps so far. */
    public float[] updaterState() {
        return plan.stateLength() == 0 ? new float[0] : state.readFloats(0, (int) plan.stateLength());
    }

    /** The last step's gradient: batch sums with the bit loss added, before the updater. */
    public float[] gradient() {
        return gradient.readFloats(0, (int) plan.length());
    }

    /** Replaces the parameters and updater state (the trainer's copy in at an epoch's start). */
    public void load(float[] newParams, float[] newState) {
        if (newParams.length != plan.length() || newState.length != plan.stateLength()) {
            throw new IllegalArgumentException("parameters and state do not match the plan's layout");
        }
        params.write(newParams, 0, newParams.length, 0);
        if (newState.length > 0) {
            state.write(newState, 0, newState.length, 0);
        }
        quantRuns.values().forEach(QuantRun::refresh);
    }

    /** Buffers for a batch of {@code inputShape}, kept while the shape stays. */
    private void shape(long[] inputShape) {
        if (java.util.Arrays.equals(inputShape, shapedFor)) {
            return;
        }
        freeValues();
        shapes = plan.shapes(inputShape);
        values = new DeviceArray[plan.values()];
        grads = new DeviceArray[plan.values()];
        owned = new boolean[plan.values()];
        long largest = 1;
        for (int v = 0; v < shapes.length; v++) {
            largest = Math.max(largest, count(shapes[v]));
        }
        values[0] = DeviceArray.allocate(device, 4 * count(shapes[0]));
        owned[0] = true;
        for (PlanOp op : plan.ops()) {
            int out = op.output();
            if (op instanceof PlanOp.Flatten f) {
                values[out] = values[f.input()]; // the same c-order memory
            } else {
                values[out] = DeviceArray.allocate(device, 4 * count(shapes[out]));
                owned[out] = true;
            }
            grads[out] = DeviceArray.allocate(device, 4 * count(shapes[out]));
        }
        for (int in : plan.ops().stream().flatMapToInt(o -> java.util.Arrays.stream(o.inputs())).toArray()) {
            if (in != 0 && grads[in] == null) { // the network's input takes no gradient
                grads[in] = DeviceArray.allocate(device, 4 * count(shapes[in]));
            }
        }
        scratch = DeviceArray.allocate(device, 4 * largest);
        long[] logits = shapes[plan.loss()];
        labels = DeviceArray.allocate(device, 4 * count(logits));
        logitGrad = DeviceArray.allocate(device, 4 * count(logits));
        int doubles = 1;
        for (QuantRun q : quantRuns.values()) {
            q.sumsAt = doubles;
            doubles += 2 + 2 * q.spec.neuronSteps() + 1;
        }
        penaltyAt = doubles;
        shapedFor = inputShape.clone();
        sums = DeviceArray.allocate(device, 8L * (doubles + 2L * plan.slices().size()));
    }

    /** Every pass's start: this thread on the device, buffers for the batch's shape, the batch in, the sums zeroed. */
    private void begin(float[] features, long[] featureShape) {
        device.makeCurrent();
        shape(featureShape);
        values[0].write(features, 0, features.length, 0);
        sums.zero();
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /**
     * One training step: the forward pass in training mode, the score, the backward pass, the bit loss's gradients
     * (scaled by the batch), then every parameter's update by {@code rules} (one per slice, evaluated by the host for
     * this iteration). Returns the score as DL4J's {@code score()}: the mean cross-entropy plus the L2 penalty.
     */
    public double step(float[] features, long[] featureShape, float[] labelValues, List<UpdateRule> rules) {
        begin(features, featureShape);
        long batch = featureShape[0];
        labels.write(labelValues, 0, labelValues.length, 0);
        List<PlanSpec.Slice> all = plan.slices();
        for (int i = 0; i < all.size(); i++) {
            if (rules.get(i).l2() != 0 && all.get(i).length() > 0) {
                step.squareAbsSums(param(all.get(i)), all.get(i).length(), sums.view(8L * (penaltyAt + 2 * i), 16));
            }
        }
        for (PlanOp op : plan.ops()) {
            forward(op, true);
        }
        gradient.zero();
        boolean[] written = new boolean[plan.values()];
        List<PlanOp> ops = plan.ops();
        for (int i = ops.size() - 1; i >= 0; i--) {
            backward(ops.get(i), written);
        }
        double[] s = sums.doubles();
        double score = s[0] / batch;
        for (int i = 0; i < all.size(); i++) {
            score += 0.5 * rules.get(i).l2() * s[penaltyAt + 2 * i];
        }
        long host = System.nanoTime();
        finishLayers(s, batch);
        clock.host(Phase.BIT_LOSS, System.nanoTime() - host);
        byte[] table = AbaSlices.of(plan, rules);
        sliceTable.write(table, 0);
        clock.start();
        step.update(params, gradient, state, sliceTable, table.length / AbaSlices.SIZE, plan.length(), batch);
        clock.stop(Phase.UPDATER);
        quantRuns.values().forEach(QuantRun::refresh);
        clock.collect();
        return score;
    }

    /**
     * Probabilities of a batch in inference mode (batch norm on its running statistics, no initialisation or
     * renewal), {@code [B, K]} in c order.
     */
    public float[] predict(float[] features, long[] featureShape) {
        return evaluate(features, featureShape, false).probabilities();
    }

    /**
     * What one evaluation batch gives: the probabilities, and for each quantized layer (by name) its spike slots and
     * how many fired, {@code {slots, nonzero}}, and its input's shape — what the CPU's evaluation forward counts.
     */
    public record Evaluation(float[] probabilities, Map<String, long[]> firing, Map<String, long[]> inputShapes) {}

    /** A batch in inference mode, each quantized layer's firing counted when {@code count}. */
    public Evaluation evaluate(float[] features, long[] featureShape, boolean count) {
        begin(features, featureShape);
        labels.zero();
        counting = count;
        try {
            for (PlanOp op : plan.ops()) {
                forward(op, false);
            }
        } finally {
            counting = false;
        }
        float[] p = values[plan.loss()].readFloats(0, (int) count(shapes[plan.loss()]));
        Map<String, long[]> firing = new LinkedHashMap<>();
        Map<String, long[]> inputs = new LinkedHashMap<>();
        if (count) {
            for (QuantRun q : quantRuns.values()) {
                firing.put(q.op.name(), q.firing());
                inputs.put(q.op.name(), shapes[q.op.input()].clone());
            }
        }
        return new Evaluation(p, firing, inputs);
    }

    /**
     * One batch of the recalibration pass (neuron-core's {@code Recalibration}): a training-mode forward without an
     * update (renewal catches up as on the CPU), each batch norm's batch mean and biased variance added to its sums.
     */
    public void recalibrationBatch(float[] features, long[] featureShape) {
        begin(features, featureShape);
        labels.zero();
        for (PlanOp op : plan.ops()) {
            forward(op, true);
        }
        bnRuns.values().forEach(BnRun::accumulate);
    }

    /**
     * Ends a recalibration pass: each batch norm's running mean and variance (or log10 std, as DL4J keeps it) become
     * the average of its batch statistics over the {@code batches} batches seen; the sums are cleared.
     */
    public void storeRecalibration(int batches) {
        for (BnRun b : bnRuns.values()) {
            b.store(batches);
        }
    }

    private void forward(PlanOp op, boolean training) {
        int out = op.output();
        long[] in = shapes[op.inputs()[0]];
        if (op instanceof PlanOp.QuantLinear q) {
            quantRuns.get(q.name()).forward(training);
        } else if (op instanceof PlanOp.BatchNorm b) {
            bnRuns.get(b.name()).forward(training);
        } else if (op instanceof PlanOp.Relu r) {
            step.reluForward(values[r.input()], values[out], count(in));
        } else if (op instanceof PlanOp.Add a) {
            step.add(values[a.left()], values[a.right()], values[out], count(in));
        } else if (op instanceof PlanOp.GlobalAvgPool p) {
            step.globalAvgPool(values[p.input()], values[out], in[0] * in[1], in[2] * in[3]);
        } else if (op instanceof PlanOp.Pool p) {
            long[] o = shapes[out];
            step.pool(values[p.input()], values[out], in[0] * in[1], (int) in[2], (int) in[3], (int) o[2], (int) o[3],
                    p.kernel(), p.stride(), p.padding(), p.kind() == PlanOp.PoolKind.AVG ? 0 : 1);
        } else if (op instanceof PlanOp.Flatten) {
            // values[out] is values[in]
        } else if (op instanceof PlanOp.TimeFold f) {
            step.swapLeading(values[f.input()], values[out], in[0], f.frames(), count(in) / in[0] / f.frames());
        } else if (op instanceof PlanOp.TimeMean m) {
            step.frameMean(values[m.input()], values[out], m.frames(), count(shapes[out]));
        } else if (op instanceof PlanOp.SoftmaxCrossEntropy s) {
            step.softmaxCrossEntropy(values[s.input()], labels, values[out], logitGrad, in[0], (int) in[1], s.clip(),
                    sums.view(0, 8));
        } else {
            throw new IllegalStateException("no device forward for " + op);
        }
    }

    /** Where an op writes value {@code v}'s gradient: its buffer the first time, else scratch added after. */
    private DeviceArray target(int v, boolean[] written) {
        return written[v] ? scratch : grads[v];
    }

    private void commit(int v, DeviceArray target, boolean[] written) {
        if (target != grads[v]) {
            step.add(grads[v], target, grads[v], count(shapes[v]));
        }
        written[v] = true;
    }

    /** Adds {@code g} (value {@code v}'s shape) into value {@code v}'s gradient. */
    private void accumulate(int v, DeviceArray g, boolean[] written) {
        if (v == 0) {
            return;
        }
        if (written[v]) {
            step.add(grads[v], g, grads[v], count(shapes[v]));
        } else {
            grads[v].copyFrom(g.view(0, 4 * count(shapes[v])));
            written[v] = true;
        }
    }

    private void backward(PlanOp op, boolean[] written) {
        int out = op.output();
        if (!(op instanceof PlanOp.SoftmaxCrossEntropy) && !written[out]) {
            return; // a value nothing downstream uses
        }
        DeviceArray g = grads[out];
        int input = op.inputs()[0];
        long[] in = shapes[input];
        if (op instanceof PlanOp.QuantLinear q) {
            DeviceArray t = input == 0 ? scratch : target(input, written);
            quantRuns.get(q.name()).backward(g, t);
            if (input != 0) {
                commit(input, t, written);
            }
            return;
        }
        if (op instanceof PlanOp.Add a) {
            accumulate(a.left(), g, written);
            accumulate(a.right(), g, written);
            return;
        }
        if (op instanceof PlanOp.Flatten) {
            accumulate(input, g, written);
            return;
        }
        if (op instanceof PlanOp.SoftmaxCrossEntropy) {
            accumulate(input, logitGrad, written);
            return;
        }
        if (input == 0) {
            return;
        }
        DeviceArray t = target(input, written);
        if (op instanceof PlanOp.BatchNorm b) {
            bnRuns.get(b.name()).backward(g, t);
        } else if (op instanceof PlanOp.Relu r) {
            step.reluBackward(values[r.input()], g, t, count(in));
        } else if (op instanceof PlanOp.GlobalAvgPool) {
            step.globalAvgPoolBackward(g, t, in[0] * in[1], in[2] * in[3]);
        } else if (op instanceof PlanOp.Pool p) {
            long[] o = shapes[out];
            step.poolBackward(values[input], g, t, in[0] * in[1], (int) in[2], (int) in[3], (int) o[2], (int) o[3],
                    p.kernel(), p.stride(), p.padding(), p.kind() == PlanOp.PoolKind.AVG ? 0 : 1);
        } else if (op instanceof PlanOp.TimeFold f) {
            long b = in[0];
            step.swapLeading(g, t, f.frames(), b, count(in) / b / f.frames());
        } else if (op instanceof PlanOp.TimeMean m) {
            step.frameSpread(g, t, m.frames(), count(shapes[out]));
        } else {
            throw new IllegalStateException("no device backward for " + op);
        }
        commit(input, t, written);
    }

    /**
     * Each quantized layer's step-size, bit and T gradients from its kernels' sums, the bit loss's added for every
     * layer but the first (scaled by the batch: the gradients are batch sums), written to the device's gradient.
     */
    private void finishLayers(double[] s, long batch) {
        List<QuantRun> scored = new ArrayList<>();
        List<LayerBits> bits = new ArrayList<>();
        for (QuantRun q : quantRuns.values()) {
            q.finish(s);
            if (!q.spec.first()) {
                scored.add(q);
                bits.add(q.layerBits());
            }
        }
        if (bitLoss != null && !scored.isEmpty()) {
            List<BitLoss.Gradient> g = bitLoss.evaluate(bits).gradients();
            for (int i = 0; i < scored.size(); i++) {
                scored.get(i).addBitLoss(g.get(i), batch);
            }
        }
        quantRuns.values().forEach(QuantRun::writeGradients);
    }

    /** One quantized layer on the device, with the host's copy of its scalar parameters. */
    private final class QuantRun {
        final PlanOp.QuantLinear op;
        final QuantLayerSpec spec;
        final int n;
        final List<String> scalarKeys = new ArrayList<>();
        final Map<String, float[]> scalars = new HashMap<>();
        final Map<String, float[]> scalarGrads = new HashMap<>();
        final DeviceArray quantized;
        final DeviceArray quantizedGrad;
        DeviceArray spikes;
        DeviceArray nonzero;
        long[] lastFiring = new long[2];
        int sumsAt;
        long inputElementsPerSample;
        // the setting of the last training forward
        int timeSteps;
        double[] steps;
        int[] bits;
        int[] qmax;
        double wStep;
        int wBits;
        byte[] neuron;

        QuantRun(PlanOp.QuantLinear op) {
            this.op = op;
            this.spec = op.layer();
            this.n = spec.neuronSteps();
            for (String k : List.of(W_STEP, W_BITS, S_STEPS, S_BITS, TIME, STATE)) {
                if (has(op.name(), k)) {
                    scalarKeys.add(k);
                }
            }
            long weights = slice(op.name(), W).length();
            quantized = DeviceArray.allocate(device, 4 * weights);
            quantizedGrad = DeviceArray.allocate(device, 4 * weights);
            refresh();
        }

        /**
         * Copies the scalar parameters out (after an update, or a load): one copy of the run of the flat vector that
         * holds them (DL4J lays a layer's parameters out together, its weights first), else one per parameter.
         */
        void refresh() {
            long lo = Long.MAX_VALUE;
            long hi = 0;
            for (String k : scalarKeys) {
                PlanSpec.Slice s = slice(op.name(), k);
                lo = Math.min(lo, s.offset());
                hi = Math.max(hi, s.offset() + s.length());
            }
            if (hi - lo <= 4096) {
                float[] run = params.readFloats(lo, (int) (hi - lo));
                for (String k : scalarKeys) {
                    PlanSpec.Slice s = slice(op.name(), k);
                    int at = (int) (s.offset() - lo);
                    scalars.put(k, java.util.Arrays.copyOfRange(run, at, at + (int) s.length()));
                }
                return;
            }
            for (String k : scalarKeys) {
                PlanSpec.Slice s = slice(op.name(), k);
                scalars.put(k, params.readFloats(s.offset(), (int) s.length()));
            }
        }

        private void upload(String key) {
            PlanSpec.Slice s = slice(op.name(), key);
            float[] v = scalars.get(key);
            params.write(v, 0, v.length, s.offset());
        }

        private float scalar(String key, int i) {
            return scalars.get(key)[i];
        }

        private boolean initialised() {
            return scalar(STATE, RenewalLayout.initialised(n)) != 0;
        }

        /** Whether the host must initialise or renew before this forward (any integer width moved since fitted). */
        private boolean needsHost() {
            if (!initialised()) {
                return true;
            }
            int wb = BitWidth.effective(scalar(W_BITS, 0), spec.weightBitBound());
            if (wb != (int) scalar(STATE, RenewalLayout.weightOldBit(n))) {
                return true;
            }
            int t = timeStepsNow();
            for (int s = 0; s < t; s++) {
                if (BitWidth.effective(scalar(S_BITS, s), spec.spikeBitBound())
                        != (int) scalar(STATE, RenewalLayout.oldBit(n, s))) {
                    return true;
                }
            }
            return false;
        }

        private int timeStepsNow() {
            return spec.frames() > 0 ? spec.frames() : TimeSteps.effective(scalar(TIME, 0), spec.maxTimeSteps());
        }

        /** The step-size floor (method.md §1), held in the parameters as the CPU holds it. */
        private void clamp() {
            for (String key : List.of(W_STEP, S_STEPS)) {
                float[] v = scalars.get(key);
                boolean changed = false;
                for (int i = 0; i < v.length; i++) {
                    if (v[i] < StepSize.MIN_STEP) { // NaN is left for the step's checks to find
                        v[i] = (float) StepSize.MIN_STEP;
                        changed = true;
                    }
                }
                if (changed) {
                    upload(key);
                }
            }
        }

        private void hostPrepare() {
            DeviceArray x = values[op.input()];
            long[] shape = shapes[op.input()];
            float[] input = x.readFloats(0, (int) count(shape));
            Map<String, float[]> all = new LinkedHashMap<>();
            for (PlanSpec.Slice s : plan.slices()) {
                if (s.layer().equals(op.name())) {
                    all.put(s.key(), params.readFloats(s.offset(), (int) s.length()));
                }
            }
            host.prepare(op, all, input, shape.clone());
            all.forEach((key, v) -> params.write(v, 0, v.length, slice(op.name(), key).offset()));
            refresh();
        }

        /** The integer setting in force, from the host's copy (method.md §1-§3). */
        private void read() {
            timeSteps = timeStepsNow();
            steps = new double[n];
            bits = new int[n];
            qmax = new int[n];
            for (int s = 0; s < n; s++) {
                steps[s] = StepSize.clamp(scalar(S_STEPS, s));
                bits[s] = BitWidth.effective(scalar(S_BITS, s), spec.spikeBitBound());
                qmax[s] = NeuronParams.qmax(bits[s], spec.first());
            }
            wStep = StepSize.clamp(scalar(W_STEP, 0));
            wBits = BitWidth.effective(scalar(W_BITS, 0), spec.weightBitBound());
            neuron = NeuronParams.of(timeSteps, spec.first(), spec.firing() == Firing.FLOOR, spec.decay(), steps,
                    bits);
        }

        void forward(boolean training) {
            DeviceArray x = values[op.input()];
            long[] in = shapes[op.input()];
            long len = count(in);
            inputElementsPerSample = len / in[0];
            if (training) {
                long host = System.nanoTime();
                clamp();
                if (needsHost()) {
                    hostPrepare();
                }
                clock.host(Phase.STEP_INIT_AND_RENEWAL, System.nanoTime() - host);
            }
            read();
            if (spikes == null || spikes.bytes() < 4 * len) {
                if (spikes != null) {
                    spikes.close();
                }
                spikes = DeviceArray.allocate(device, 4 * len);
            }
            if (counting && nonzero == null) {
                nonzero = DeviceArray.allocate(device, 8L * n);
            }
            DeviceArray counts = counting ? nonzero : null;
            clock.start();
            if (spec.frames() > 0) {
                kernels.eventForward(Precision.F32, neuron, x, spikes, len / spec.frames(), counts);
            } else {
                kernels.timeFreeForward(Precision.F32, neuron, x, spikes, len, counts);
            }
            clock.stop(Phase.NEURON_FORWARD);
            if (counting) { // as the CPU layer counts: slots per step times T, nonzero over the steps in force
                long perStep = spec.frames() > 0 ? len / timeSteps : len;
                long fired = 0;
                long[] c = nonzero.counts();
                for (int t = 0; t < timeSteps; t++) {
                    fired += c[t];
                }
                lastFiring = new long[] {perStep * timeSteps, fired};
            }
            PlanSpec.Slice w = slice(op.name(), W);
            clock.start();
            kernels.weightForward(Precision.F32, param(w), quantized, w.length(), wStep, wBits);
            clock.stop(Phase.WEIGHT_QUANT_FORWARD);
            DeviceArray y = values[op.output()];
            long[] out = shapes[op.output()];
            clock.start();
            if (op.linear() instanceof PlanOp.Conv c) {
                convolution(c, in).forward(spikes, quantized, y);
            } else {
                cublas.forward(spikes, quantized, y, (int) in[0], (int) in[1], (int) out[1]);
            }
            if (spec.hasBias()) {
                step.biasAdd(y, param(slice(op.name(), B)), out[0], (int) out[1], count(out) / out[0] / out[1]);
            }
            clock.stop(Phase.CONV_FORWARD);
        }

        private CudnnConvolution convolution(PlanOp.Conv c, long[] in) {
            String key = op.name() + "@" + in[0];
            return convolutions.computeIfAbsent(key, k -> new CudnnConvolution(cudnn, (int) in[0], (int) in[1],
                    (int) in[2], (int) in[3], (int) c.out(), c.kernel(), c.stride(), c.padding()));
        }

        /** Parameter gradients into the flat gradient (weights and bias) and sums; {@code dx} the input gradient. */
        void backward(DeviceArray dy, DeviceArray dx) {
            long[] in = shapes[op.input()];
            long[] out = shapes[op.output()];
            long len = count(in);
            DeviceArray spikeGrad = spikeGradient(len);
            clock.start();
            if (spec.hasBias()) {
                step.biasGrad(dy, grad(slice(op.name(), B)), out[0], (int) out[1], count(out) / out[0] / out[1]);
            }
            if (op.linear() instanceof PlanOp.Conv c) {
                CudnnConvolution conv = convolution(c, in);
                conv.backwardFilter(spikes, dy, quantizedGrad);
                conv.backwardData(quantized, dy, spikeGrad);
            } else {
                cublas.backwardWeights(spikes, dy, quantizedGrad, (int) in[0], (int) in[1], (int) out[1]);
                cublas.backwardData(dy, quantized, spikeGrad, (int) in[0], (int) in[1], (int) out[1]);
            }
            clock.stop(Phase.CONV_BACKWARD);
            PlanSpec.Slice w = slice(op.name(), W);
            clock.start();
            kernels.weightBackward(Precision.F32, param(w), quantizedGrad, grad(w), w.length(), wStep, wBits,
                    sums.view(8L * sumsAt, 16));
            clock.stop(Phase.WEIGHT_QUANT_BACKWARD);
            DeviceArray neuronSums = sums.view(8L * (sumsAt + 2), 8L * (2 * n + 1));
            clock.start();
            if (spec.frames() > 0) {
                kernels.eventBackward(Precision.F32, neuron, values[op.input()], spikeGrad, dx, len / spec.frames(),
                        neuronSums);
            } else {
                kernels.timeFreeBackward(Precision.F32, neuron, values[op.input()], spikeGrad, dx, len, neuronSums);
            }
            clock.stop(Phase.NEURON_BACKWARD);
        }

        /** The host's step sizes, bits and T gradients from the sums (as LayerSteps.writeGradients writes them). */
        void finish(double[] s) {
            double[] weightSums = {s[sumsAt], s[sumsAt + 1]};
            GradientSums.Weight wg = GradientSums.weight(weightSums, spec.weightShape(), wStep, wBits,
                    spec.stepGradient());
            double[] neuronSums = java.util.Arrays.copyOfRange(s, sumsAt + 2, sumsAt + 2 + 2 * n + 1);
            long len = inputElementsPerSample * shapes[op.input()][0];
            GradientSums.Neuron ng = spec.frames() > 0
                    ? GradientSums.event(neuronSums, timeSteps, len / spec.frames(), steps, bits, qmax)
                    : GradientSums.timeFree(neuronSums, timeSteps, len, steps, bits, qmax);
            float[] gw = {(float) wg.step()};
            scalarGrads.put(W_STEP, gw);
            scalarGrads.put(W_BITS, new float[] {spec.learnWeightBits()
                    ? (float) BitWidth.gradientToHat(scalar(W_BITS, 0), wg.bits()) : 0f});
            float[] gs = new float[n];
            float[] gb = new float[n];
            for (int t = 0; t < timeSteps; t++) {
                gs[t] = (float) ng.steps()[t];
                gb[t] = spec.learnSpikeBits() ? (float) BitWidth.gradientToHat(scalar(S_BITS, t), ng.bits()[t]) : 0f;
            }
            scalarGrads.put(S_STEPS, gs);
            scalarGrads.put(S_BITS, gb);
            scalarGrads.put(TIME, new float[] {spec.learnTimeSteps() && spec.frames() == 0 ? (float) ng.tHat() : 0f});
            scalarGrads.put(STATE, new float[(int) slice(op.name(), STATE).length()]);
        }

        long[] firing() {
            return lastFiring.clone();
        }

        LayerBits layerBits() {
            double[] hats = new double[n];
            for (int t = 0; t < n; t++) {
                hats[t] = scalar(S_BITS, t);
            }
            long weights = 1;
            for (long d : spec.weightShape()) {
                weights *= d;
            }
            return new LayerBits(weights, inputElementsPerSample, scalar(W_BITS, 0), spec.weightBitBound(), hats,
                    spec.spikeBitBound(), spec.frames() > 0 ? spec.frames() : scalar(TIME, 0),
                    spec.frames() > 0 ? spec.frames() : spec.maxTimeSteps());
        }

        /** The bit loss's gradient where that quantity is learned, times the batch (LayerSteps.addBitLoss). */
        void addBitLoss(BitLoss.Gradient g, long batch) {
            if (spec.learnWeightBits() && !spec.first()) {
                scalarGrads.get(W_BITS)[0] = (float) (scalarGrads.get(W_BITS)[0] + g.weightBitHat() * batch);
            }
            if (spec.learnSpikeBits() && !spec.first()) {
                float[] gb = scalarGrads.get(S_BITS);
                for (int t = 0; t < g.spikeBitHats().length; t++) {
                    gb[t] = (float) (gb[t] + g.spikeBitHats()[t] * batch);
                }
            }
            if (spec.learnTimeSteps() && spec.frames() == 0) {
                scalarGrads.get(TIME)[0] = (float) (scalarGrads.get(TIME)[0] + g.tHat() * batch);
            }
        }

        void writeGradients() {
            for (String k : scalarKeys) {
                float[] v = scalarGrads.get(k);
                gradient.write(v, 0, v.length, slice(op.name(), k).offset());
            }
        }
    }

    private DeviceArray spikeGradBuffer;

    /** A buffer for a layer's spike gradient, apart from scratch (which may hold the input gradient). */
    private DeviceArray spikeGradient(long elements) {
        if (spikeGradBuffer == null || spikeGradBuffer.bytes() < 4 * elements) {
            if (spikeGradBuffer != null) {
                device.synchronize();
                spikeGradBuffer.close();
            }
            spikeGradBuffer = DeviceArray.allocate(device, 4 * elements);
        }
        return spikeGradBuffer;
    }

    /** One batch norm with its batch statistics (double) between forward and backward. */
    private final class BnRun {
        final PlanOp.BatchNorm op;
        DeviceArray mean;
        DeviceArray var;
        int channels;
        double[] meanSum;
        double[] varSum;

        BnRun(PlanOp.BatchNorm op) {
            this.op = op;
        }

        /** Adds the last training forward's batch statistics to the recalibration sums. */
        void accumulate() {
            double[] m = mean.doubles();
            double[] v = var.doubles();
            if (meanSum == null) {
                meanSum = new double[channels];
                varSum = new double[channels];
            }
            for (int c = 0; c < channels; c++) {
                meanSum[c] += m[c];
                varSum[c] += v[c];
            }
        }

        /** Running statistics from the sums over {@code batches}, as neuron-core's Recalibration stores them. */
        void store(int batches) {
            if (meanSum == null || batches <= 0) {
                return;
            }
            float[] m = new float[channels];
            float[] spread = new float[channels];
            for (int c = 0; c < channels; c++) {
                m[c] = (float) (meanSum[c] / batches);
                float v = (float) (varSum[c] / batches);
                spread[c] = op.logStd() ? (float) Math.log10((float) Math.sqrt(v)) : v;
            }
            params.write(m, 0, channels, slice(op.name(), MEAN).offset());
            params.write(spread, 0, channels, slice(op.name(), op.logStd() ? LOG_STD : VAR).offset());
            meanSum = null;
            varSum = null;
        }

        private long[] dims() {
            long[] in = shapes[op.input()];
            long plane = in.length == 4 ? in[2] * in[3] : 1;
            return new long[] {in[0], in[1], plane};
        }

        void forward(boolean training) {
            long[] d = dims();
            if (mean == null || channels != d[1]) {
                channels = (int) d[1];
                mean = DeviceArray.allocate(device, 8L * channels);
                var = DeviceArray.allocate(device, 8L * channels);
            }
            String spread = op.logStd() ? LOG_STD : VAR;
            clock.start();
            if (training) {
                step.bnStatistics(values[op.input()], d[0], channels, d[2], mean, var);
            } else {
                step.bnRunningStatistics(param(slice(op.name(), MEAN)), param(slice(op.name(), spread)), channels,
                        op.logStd(), mean, var);
            }
            step.bnForward(values[op.input()], values[op.output()], d[0], channels, d[2], mean, var,
                    param(slice(op.name(), GAMMA)), param(slice(op.name(), BETA)), op.eps());
            clock.stop(Phase.BATCH_NORM_FORWARD);
        }

        void backward(DeviceArray dy, DeviceArray dx) {
            long[] d = dims();
            clock.start();
            step.bnBackward(values[op.input()], dy, dx, d[0], channels, d[2], mean, var,
                    param(slice(op.name(), GAMMA)), op.eps(), grad(slice(op.name(), GAMMA)),
                    grad(slice(op.name(), BETA)));
            String spread = op.logStd() ? LOG_STD : VAR;
            step.bnRunning(param(slice(op.name(), MEAN)), param(slice(op.name(), spread)), mean, var, channels,
                    op.decay(), op.logStd(), grad(slice(op.name(), MEAN)), grad(slice(op.name(), spread)));
            clock.stop(Phase.BATCH_NORM_BACKWARD);
        }
    }

    private void freeValues() {
        if (values == null) {
            return;
        }
        device.synchronize();
        for (int v = 0; v < values.length; v++) {
            if (owned[v] && values[v] != null) {
                values[v].close();
            }
            if (grads[v] != null) {
                grads[v].close();
            }
        }
        for (DeviceArray a : new DeviceArray[] {scratch, labels, logitGrad, sums}) {
            if (a != null) {
                a.close();
            }
        }
        values = null;
    }

    @Override
    public void close() {
        device.makeCurrent();
        device.synchronize();
        freeValues();
        convolutions.values().forEach(CudnnConvolution::close);
        for (QuantRun q : quantRuns.values()) {
            q.quantized.close();
            q.quantizedGrad.close();
            if (q.nonzero != null) {
                q.nonzero.close();
            }
            if (q.spikes != null) {
                q.spikes.close();
            }
        }
        for (BnRun b : bnRuns.values()) {
            if (b.mean != null) {
                b.mean.close();
                b.var.close();
            }
        }
        if (spikeGradBuffer != null) {
            spikeGradBuffer.close();
        }
        params.close();
        state.close();
        gradient.close();
        sliceTable.close();
        cublas.close();
        cudnn.close();
    }
}
