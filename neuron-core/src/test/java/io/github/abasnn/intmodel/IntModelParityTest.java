package io.github.abasnn.intmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.data.Augmentation;
import io.github.abasnn.data.IdxFiles;
import io.github.abasnn.data.ImageBatches;
import io.github.abasnn.data.ImageSet;
import io.github.abasnn.train.TrainConfig;
import io.github.abasnn.train.Trainer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small ResNet-20 trained with learned bits, exported: the integer engine's logits follow the float network's
 * (batch norm, thresholds, steps and the input standardisation folded correctly) and its predictions agree.
 */
class IntModelParityTest {
    @TempDir
    static Path tmp;
    static RunExport run;

    @BeforeAll
    static void train() throws Exception {
        Path data = tmp.resolve("toy");
        IdxFiles.writeToyDataset(data, 128, 64, 8, 4, 5);
        TrainConfig cfg = io.github.abasnn.train.TinyConfigs.resnet(data, tmp.resolve("run"), 2, 2000, 3407);
        new Trainer(cfg, false).run(false);
        run = RunExport.load(tmp.resolve("run"), null);
    }

    @Test
    void integerLogitsFollowTheFloatNetworkAndPredictionsAgree() {
        IntModel model = run.export(RunExport.DEFAULT_FRACTION_BITS);
        IntEngine engine = new IntEngine(model);
        ImageSet test = run.test(0);
        ImageBatches batches = new ImageBatches(test, test.size(), false, Augmentation.NONE, 0, run.mean(),
                run.std());
        INDArray features = batches.next().getFeatures();
        Map<String, INDArray> acts = run.graph().feedForward(features, false);
        INDArray logits = acts.get(model.output());
        int per = test.pixelsPerImage();
        int close = 0;
        double unit = Math.pow(2, -model.fractionBits());
        for (int i = 0; i < test.size(); i++) {
            byte[] img = java.util.Arrays.copyOfRange(test.pixels(), i * per, (i + 1) * per);
            int[] got = engine.logits(img);
            double worst = 0;
            for (int k = 0; k < got.length; k++) {
                worst = Math.max(worst, Math.abs(got[k] * unit - logits.getDouble(i, k)));
            }
            close += worst < 1e-3 ? 1 : 0;
        }
        assertTrue(close >= test.size() - 1, close + " of " + test.size() + " images have logits within 1e-3");
        PredictionParity.Result r = PredictionParity.measure(run.graph(), engine, test, run.mean(), run.std(), 32);
        assertEquals(test.size(), r.agree(), r.summary());
        assertEquals(r.floatAccuracy(), r.intAccuracy());
    }

    @Test
    void aMismatchIsTracedToTheFirstNeuronThatFiresDifferently() {
        IntModel model = run.export(RunExport.DEFAULT_FRACTION_BITS);
        ImageSet test = run.test(4);
        PredictionParity.Flip none = PredictionParity.explain(run.graph(), new IntEngine(model), test, 0, run.mean(),
                run.std());
        assertTrue(none.layer() == null || none.distance() < 1e-3, none.describe());
        // shift the stem's output by half a unit: the first neuron fed by it now fires differently from the float
        // network's, and that is where the trace points
        java.util.List<IntOp> ops = new java.util.ArrayList<>(model.ops());
        IntOp.SpikingConv stem = (IntOp.SpikingConv) ops.get(0);
        int[] bias = stem.requant().bias();
        for (int ch = 0; ch < bias.length; ch++) {
            bias[ch] += 1 << (model.fractionBits() - 1);
        }
        ops.set(0, new IntOp.SpikingConv(stem.name(), stem.input(), stem.inChannels(), stem.outChannels(),
                stem.kernel(), stem.stride(), stem.padding(), stem.weightBits(), stem.levels(), stem.neuron(),
                new Requant(stem.outChannels(), stem.neuron().timeSteps(), stem.requant().multipliers(),
                        stem.requant().shifts(), bias)));
        String next = ops.stream().skip(1).filter(o -> o instanceof IntOp.SpikingConv).findFirst().orElseThrow()
                .name();
        IntModel broken = new IntModel(model.fractionBits(), model.channels(), model.height(), model.width(),
                model.classes(), model.input(), ops, model.output(), model.provenance());
        PredictionParity.Flip flip = PredictionParity.explain(run.graph(), new IntEngine(broken), test, 0,
                run.mean(), run.std());
        assertEquals(next, flip.layer(), flip.describe());
        assertTrue(flip.differing() > 0);
    }

    @Test
    void theModelIsAsSmallAsItsLearnedBitsSay() {
        IntModel model = run.export(RunExport.DEFAULT_FRACTION_BITS);
        long bits = 0;
        for (IntOp op : model.ops()) {
            if (op instanceof IntOp.SpikingConv c) {
                bits += (long) c.levels().length * c.weightBits();
                assertTrue(c.neuron().timeSteps() >= 1 && c.neuron().timeSteps() <= 3, c.name());
            }
        }
        assertTrue(model.weightBits() > bits, "the dense classifier counts too");
        assertTrue(model.weightBytes() * 8 - model.weightBits() < 8L * model.ops().size(), "padding only per layer");
    }

    @Test
    void tooFewFractionBitsForAThresholdAreRefusedNamingTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.export(0));
        assertTrue(e.getMessage().contains("layer "), e.getMessage());
    }
}
