package io.github.abasnn.golden;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every case of every {@code golden-*.json} in {@code -Dgolden.dir} (default {@code ../shared/golden}) and in
 * {@code -Dgolden.release.dir} (default {@code ../shared/golden-release}: the release-exact conv step gradient,
 * method.md §2), every output and gradient, in double precision, on both engines. New files dropped into either
 * directory are picked up with no code change; an unknown kind fails. Without {@code shared/} (a plain clone) a
 * small subset bundled in the test resources is checked instead.
 */
class GoldenParityTest {

    static Path goldenDir() {
        return dir("golden.dir", "../shared/golden", "golden");
    }

    static Path goldenReleaseDir() {
        return dir("golden.release.dir", "../shared/golden-release", "golden-release");
    }

    /**
     * The directory named by {@code property} (default {@code fallback}); in a plain clone without {@code shared/}
     * beside it, the small set bundled in the test resources ({@code bundled}/), unless {@code -Dgolden.require=true}.
     */
    static Path dir(String property, String fallback, String bundled) {
        Path dir = Path.of(System.getProperty(property, fallback));
        if (Files.isDirectory(dir) || Boolean.getBoolean("golden.require")) {
            return dir;
        }
        try {
            Path small = Path.of(GoldenParityTest.class.getResource("/" + bundled).toURI());
            System.out.println(dir.toAbsolutePath() + " not found: checking the bundled golden cases in " + small);
            return small;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @TestFactory
    Stream<DynamicNode> everyCaseOfEveryGoldenFileMatches() {
        return cases(goldenDir(), GoldenRunner.Engine.REFERENCE);
    }

    /** The fused CPU kernels the layers train with must meet the same bar. */
    @TestFactory
    Stream<DynamicNode> fusedKernelsMatchEveryGoldenCase() {
        return cases(goldenDir(), GoldenRunner.Engine.FUSED);
    }

    /** The release-exact conv step gradient ({@code --step-grad release}) on the reference engine. */
    @TestFactory
    Stream<DynamicNode> everyReleaseCaseMatches() {
        return cases(goldenReleaseDir(), GoldenRunner.Engine.REFERENCE);
    }

    @TestFactory
    Stream<DynamicNode> fusedKernelsMatchEveryReleaseCase() {
        return cases(goldenReleaseDir(), GoldenRunner.Engine.FUSED);
    }

    private Stream<DynamicNode> cases(Path dir, GoldenRunner.Engine engine) {
        List<Path> files = GoldenFile.find(dir);
        assertFalse(files.isEmpty());
        List<DynamicNode> nodes = new ArrayList<>();
        for (Path file : files) {
            GoldenFile golden = GoldenFile.read(file);
            List<DynamicNode> cases = new ArrayList<>();
            for (GoldenCase c : golden.cases()) {
                cases.add(DynamicTest.dynamicTest(c.describe(), () -> {
                    for (Comparison cmp : GoldenRunner.run(c, engine)) {
                        assertNull(cmp.mismatch(), () -> c.describe() + ": " + cmp.mismatch());
                    }
                }));
            }
            assertFalse(cases.isEmpty(), file + " has no cases");
            nodes.add(DynamicContainer.dynamicContainer(file.getFileName().toString(), cases));
        }
        return nodes.stream();
    }
}
