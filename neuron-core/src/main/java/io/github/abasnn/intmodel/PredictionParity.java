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
