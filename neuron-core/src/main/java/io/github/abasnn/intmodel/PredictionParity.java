package io.github.abasnn.intmodel;

import io.github.abasnn.data.Augmentation;
import io.github.abasnn.data.ImageBatches;
import io.github.abasnn.data.ImageSet;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The integer engine against the float simulation it was exported from, image by image on one test set: how often
 * their predictions agree, both accuracies, both speeds, and every disagreement with the float network's margin
 * (top-1 minus top-2 probability), which tells a near-tie at a rounding boundary from a real divergence.
 */
public final class PredictionParity {
    private PredictionParity() {}

    /** One image on which the two disagree. */
    public record Mismatch(int image, int label, int floatPrediction, int intPrediction, double floatMargin) {}

    /**
     * Where an image's integer pass first fires differently from its float pass: the first spiking layer whose
     * levels, fired from the float network's own input to that layer, differ from the integer engine's; how many
     * levels differ; and how close the float membrane was to a rounding boundary there, in thresholds (the nearest
     * of {@code k + 1/2}). A distance of {@code 1e-5} is a tie broken by the fixed point's last bit.
     */
    public record Flip(String layer, int differing, double distance) {
        public String describe() {
            return layer == null ? "no spike differs (the logits' own rounding)"
                    : String.format(java.util.Locale.ROOT, "first differing spikes at the neuron of %s: %d levels, float membrane"
                            + " %.2e thresholds from a rounding boundary", layer, differing, distance);
        }
    }

    /** The first flip of one image ({@code features}: its standardised float input, {@code [1, C, H, W]}). */
    public static Flip firstFlip(ComputationGraph graph, IntEngine engine, byte[] pixels, INDArray features) {
        IntModel model = engine.model();
        java.util.Map<String, int[]> ints = engine.trace(pixels);
        java.util.Map<String, INDArray> floats = graph.feedForward(features, false);
        graph.clearLayersStates();
        double scale = Math.pow(2, model.fractionBits());
        for (IntOp op : model.ops()) {
            IntNeuron neuron = op instanceof IntOp.SpikingConv c ? c.neuron()
                    : op instanceof IntOp.SpikingDense d ? d.neuron() : null;
            if (neuron == null) {
                continue;
            }
            String in = op.inputs().get(0);
            INDArray f = floats.get(in.equals(IntModel.INPUT) ? graph.getConfiguration().getNetworkInputs().get(0)
                    : vertexOf(graph, in));
            if (f == null) {
                continue;
            }
            double[] real = channelsLast(f);
            int[] fixed = ints.get(in);
            int[] fromFloat = new int[real.length];
            for (int i = 0; i < real.length; i++) {
                fromFloat[i] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.rint(real[i] * scale)));
            }
            int steps = neuron.timeSteps();
            byte[][] a = new byte[steps][fixed.length];
            byte[][] b = new byte[steps][fixed.length];
            neuron.fire(fixed, a);
            neuron.fire(fromFloat, b);
            int differing = 0;
            double nearest = Double.POSITIVE_INFINITY;
            for (int i = 0; i < fixed.length; i++) {
                double u = real[i];
                for (int t = 0; t < steps; t++) {
                    double g = neuron.thresholds()[t] / scale;
                    if (a[t][i] != b[t][i]) {
                        differing++;
                        double v = u / g;
                        nearest = Math.min(nearest, Math.abs(v - Math.floor(v) - 0.5));
                    }
                    u += real[i] - b[t][i] * g;
                }
            }
            if (differing > 0) {
                return new Flip(op.name(), differing, nearest);
            }
        }
        return new Flip(null, 0, Double.NaN);
    }

    /** The graph vertex whose activation a tensor holds: a layer's folded batch norm, else the tensor's namesake. */
    private static String vertexOf(ComputationGraph graph, String tensor) {
        var conf = graph.getConfiguration();
        String bn = IntExporter.foldedNorm(conf, IntExporter.consumers(conf), tensor);
        return bn != null ? bn : tensor;
    }

    /** {@link #firstFlip} of image {@code i} of {@code set}, standardised as the network was trained. */
    public static Flip explain(ComputationGraph graph, IntEngine engine, ImageSet set, int i, float[] mean,
                               float[] std) {
        int per = set.pixelsPerImage();
        byte[] pixels = java.util.Arrays.copyOfRange(set.pixels(), i * per, (i + 1) * per);
        INDArray features = ImageBatches.features(pixels, 1, set.channels(), set.height(), set.width(), mean, std);
        return firstFlip(graph, engine, pixels, features);
    }

    /** A {@code [1, C, H, W]} or {@code [1, n]} activation in the engine's {@code [h][w][c]} order. */
    private static double[] channelsLast(INDArray a) {
        double[] v = a.dup('c').reshape(-1).toDoubleVector();
        if (a.rank() != 4) {
            return v;
        }
        int c = (int) a.size(1);
        int plane = (int) (a.size(2) * a.size(3));
        double[] out = new double[v.length];
        for (int ch = 0; ch < c; ch++) {
            for (int p = 0; p < plane; p++) {
                out[p * c + ch] = v[ch * plane + p];
            }
        }
        return out;
    }

    public record Result(int images, int agree, int floatCorrect, int intCorrect, double floatSeconds,
                         double intSeconds, List<Mismatch> mismatches) {
        public double parity() { return (double) agree / images; }

        public double floatAccuracy() { return (double) floatCorrect / images; }

        public double intAccuracy() { return (double) intCorrect / images; }

        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "parity %.4f%% (%d of %d images agree)%nfloat accuracy %.2f%%  %.1f images/s%n"
                            + "int accuracy   %.2f%%  %.1f images/s%n",
                    100 * parity(), agree, images, 100 * floatAccuracy(), images / floatSeconds, 100 * intAccuracy(),
                    images / intSeconds);
        }
    }

    public static Result measure(ComputationGraph graph, IntEngine engine, ImageSet test, float[] mean, float[] std,
                                 int batch) {
        int n = test.size();
        long start = System.nanoTime();
        int[] floatPred = new int[n];
        double[] margin = new double[n];
        ImageBatches batches = new ImageBatches(test, batch, false, Augmentation.NONE, 0, mean, std);
        int done = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            INDArray out = graph.output(false, ds.getFeatures())[0];
            for (int i = 0; i < out.size(0); i++) {
                double[] p = out.getRow(i).toDoubleVector();
                int best = 0;
                for (int k = 1; k < p.length; k++) {
                    if (p[k] > p[best]) {
                        best = k;
                    }
                }
                double second = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < p.length; k++) {
                    if (k != best) {
                        second = Math.max(second, p[k]);
                    }
                }
                floatPred[done] = best;
                margin[done++] = p[best] - second;
            }
        }
        graph.clearLayersStates();
        double floatSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        int[] intPred = engine.predict(test.pixels(), n);
        double intSeconds = (System.nanoTime() - start) / 1e9;
        int agree = 0;
        int floatCorrect = 0;
        int intCorrect = 0;
        List<Mismatch> mismatches = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int label = test.labels()[i];
            floatCorrect += floatPred[i] == label ? 1 : 0;
            intCorrect += intPred[i] == label ? 1 : 0;
            if (floatPred[i] == intPred[i]) {
                agree++;
            } else {
                mismatches.add(new Mismatch(i, label, floatPred[i], intPred[i], margin[i]));
            }
        }
        return new Result(n, agree, floatCorrect, intCorrect, floatSeconds, intSeconds, mismatches);
    }
}
