package io.github.abasnn.intmodel;

import io.github.abasnn.data.Datasets;
import io.github.abasnn.data.ImageSet;
import io.github.abasnn.train.BuildInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code int-model}: export a trained network as an integer-only model, and predict with one. */
@Command(name = "int-model", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        subcommands = {IntModelCli.ExportInt.class, IntModelCli.Predict.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:failed (the error is printed)", "2:bad option or input (named)"},
        description = "Integer-only models: export-int writes one from a trained run, predict runs one.")
public final class IntModelCli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: export-int or predict");
    }

    @Command(name = "export-int", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Write a trained run's network as an integer-only model; with --parity, compare its"
                    + " predictions with the float network's on the test set.")
    static final class ExportInt implements Callable<Integer> {
        @Option(names = "--run", required = true, description = "a run's directory (train --out, or a sweep's"
                + " models/<sweep>/<trial>) holding checkpoint.zip")
        Path run;
        @Option(names = "--out", description = "model file (default: <run>/model.absnn-int)")
        Path out;
        @Option(names = "--data-dir", description = "dataset directory (default: the run's)")
        Path dataDir;
        @Option(names = "--fraction-bits", defaultValue = "" + RunExport.DEFAULT_FRACTION_BITS,
                description = "fraction bits of the fixed-point"
                + " activations")
        int fractionBits;
        @Option(names = "--parity", description = "check predictions against the float network on the test set")
        boolean parity;
        @Option(names = "--test-limit", defaultValue = "0", description = "test images for --parity (0: all)")
        int testLimit;

        @Override
        public Integer call() throws IOException {
            RunExport source = RunExport.load(run, dataDir);
            IntModel model = source.export(fractionBits);
            Path file = out != null ? out : run.resolve("model.absnn-int");
            IntModelFile.write(model, file);
            long size = Files.size(file);
            System.out.printf(Locale.ROOT, "integer model  %s%n", file);
            System.out.printf(Locale.ROOT, "file size      %d bytes: weights %d bytes packed (sum N_w Bw / 8 = %.1f),"
                    + " thresholds, requantizers and headers %d bytes%n", size, model.weightBytes(),
                    model.weightBits() / 8.0, size - model.weightBytes());
            System.out.printf(Locale.ROOT, "fp32 weights   %d bytes (%.1fx the packed levels)%n",
                    4 * model.weightCount(), 4.0 * model.weightCount() / model.weightBytes());
            if (parity) {
                PredictionParity.Result r = PredictionParity.measure(source.graph(), new IntEngine(model),
                        source.test(testLimit), source.mean(), source.std(), 100);
                System.out.print(r.summary());
                IntEngine engine = new IntEngine(model);
                ImageSet test = source.test(testLimit);
                for (PredictionParity.Mismatch m : r.mismatches()) {
                    PredictionParity.Flip flip = PredictionParity.explain(source.graph(), engine, test, m.image(),
                            source.mean(), source.std());
                    System.out.printf(Locale.ROOT, "mismatch image %d label %d: float %d (margin %.4f), int %d; %s%n",
                            m.image(), m.label(), m.floatPrediction(), m.floatMargin(), m.intPrediction(),
                            flip.describe());
                }
            }
            return 0;
        }
    }

    @Command(name = "predict", mixinStandardHelpOptions = true, showDefaultValues = true,
            description = "Run an integer model on a dataset's test split (integer arithmetic only); prints accuracy"
                    + " and speed, optionally writes the predictions as CSV.")
    static final class Predict implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "an integer model file (export-int)")
        Path model;
        @Option(names = "--dataset", description = "dataset (default: the model's)")
        String dataset;
        @Option(names = "--data-dir", description = "dataset directory (default: data/<dataset>)")
        Path dataDir;
        @Option(names = "--limit", defaultValue = "0", description = "test images (0: all)")
        int limit;
        @Option(names = "--out", description = "CSV of row,label,prediction")
        Path out;

        @Override
        public Integer call() throws IOException {
            IntModel m = IntModelFile.read(model);
            String name = dataset != null ? dataset : m.provenance().getOrDefault("dataset", "");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("model " + model + " names no dataset; pass --dataset");
            }
            ImageSet test = Datasets.test(name, dataDir != null ? dataDir : Datasets.defaultDir(name)).head(limit);
            requireFits(m, test);
            long start = System.nanoTime();
            int[] pred = new IntEngine(m).predict(test.pixels(), test.size());
            double seconds = (System.nanoTime() - start) / 1e9;
            int correct = 0;
            for (int i = 0; i < pred.length; i++) {
                correct += pred[i] == test.labels()[i] ? 1 : 0;
            }
            System.out.printf(Locale.ROOT, "%d images  accuracy %.2f%%  %.1f images/s (integer engine, %d cores)%n",
                    pred.length, 100.0 * correct / pred.length, pred.length / seconds,
                    Runtime.getRuntime().availableProcessors());
            if (out != null) {
                Path abs = out.toAbsolutePath();
                Files.createDirectories(abs.getParent());
                Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
                try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(tmp))) {
                    w.println("row,label,prediction");
                    for (int i = 0; i < pred.length; i++) {
                        w.println(i + "," + test.labels()[i] + "," + pred[i]);
                    }
                }
                Files.move(tmp, abs, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                System.out.println("predictions    " + abs);
            }
            return 0;
        }
    }

    /** Refuses a dataset whose images or labels the model cannot take, naming both. */
    static void requireFits(IntModel m, ImageSet set) {
        if (set.channels() != m.channels() || set.height() != m.height() || set.width() != m.width()) {
            throw new IllegalArgumentException("dataset " + set.name() + " has " + set.channels() + "x" + set.height()
                    + "x" + set.width() + " images; the model takes " + m.channels() + "x" + m.height() + "x"
                    + m.width());
        }
        for (int i = 0; i < set.size(); i++) {
            int label = set.labels()[i];
            if (label < 0 || label >= m.classes()) {
                throw new IllegalArgumentException("dataset " + set.name() + ": image " + i + " has label " + label
                        + ", outside the model's " + m.classes() + " classes");
            }
        }
    }

}
