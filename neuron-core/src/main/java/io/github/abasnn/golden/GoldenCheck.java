package io.github.abasnn.golden;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * Runs every golden case of a directory on whatever ND4J backend is on the class path (CPU or CUDA) and prints
 * one line per failing comparison and a summary; exits 1 on any failure.
 */
@Command(name = "golden-check", mixinStandardHelpOptions = true,
        description = "Check neuron-core against the golden vectors on the active ND4J backend.")
public final class GoldenCheck implements Callable<Integer> {
    @Parameters(arity = "1..*", defaultValue = "../shared/golden ../shared/golden-release", split = " ",
            description = "directories of golden-*.json files (default: ${DEFAULT-VALUE})")
    List<Path> dirs;

    @Override
    public Integer call() {
        System.out.println("backend: " + Nd4j.getBackend().getClass().getSimpleName());
        int cases = 0;
        int failed = 0;
        for (Path file : dirs.stream().flatMap(d -> GoldenFile.find(d).stream()).toList()) {
            for (GoldenCase c : GoldenFile.read(file).cases()) {
                cases++;
                List<Comparison> comparisons = GoldenRunner.run(c);
                for (Comparison cmp : comparisons) {
                    String bad = cmp.mismatch();
                    if (bad != null) {
                        failed++;
                        System.out.println("FAIL " + c.describe() + " " + bad);
                    }
                }
            }
        }
        System.out.println(cases + " cases, " + failed + " failed comparisons");
        return failed == 0 ? 0 : 1;
    }
}
