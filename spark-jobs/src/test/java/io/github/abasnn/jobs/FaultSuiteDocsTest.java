package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fault suite as the docs describe it: its scenario count read from the script, and bad letters refused. */
class FaultSuiteDocsTest {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SCRIPT = ROOT.resolve("submit/checks/faults.sh");

    /** The scenarios the script runs by default ({@code ALL_SCENARIOS=(...)}). */
    static String[] scenarios() throws Exception {
        Matcher m = Pattern.compile("(?m)^ALL_SCENARIOS=\\(([a-z ]+)\\)$").matcher(Files.readString(SCRIPT));
        assertTrue(m.find(), "faults.sh declares ALL_SCENARIOS");
        return m.group(1).trim().split(" +");
    }

    @Test
    void theReadmeAndTheGuideCountTheScriptsScenarios() throws Exception {
        int n = scenarios().length;
        String readme = Files.readString(ROOT.resolve("README.md"));
        Matcher claimed = Pattern.compile("faults: (\\d+) scenarios").matcher(readme);
        assertTrue(claimed.find(), "the README quotes the suite's last line");
        assertEquals(n, Integer.parseInt(claimed.group(1)), "README's scenario count");
        String guide = Files.readString(ROOT.resolve("docs/spark-jobs.md"));
        for (String s : scenarios()) {
            assertTrue(guide.contains("- **" + s + "** "), "docs/spark-jobs.md describes scenario " + s);
            assertTrue(Pattern.compile("(?m)^#   " + s + "  ").matcher(Files.readString(SCRIPT)).find(),
                    "the script's header describes scenario " + s);
        }
    }

    @Test
    void anUnknownLetterIsRefusedBeforeAnythingIsDeleted() throws Exception {
        Path marker = ROOT.resolve("runs/faults/kept-by-the-test");
        Files.createDirectories(marker.getParent());
        Files.writeString(marker, "x");
        try {
            Process p = new ProcessBuilder("bash", SCRIPT.toString(), "a", "g").redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "faults.sh g did not stop at once");
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(2, p.exitValue(), out);
            assertTrue(out.contains("unknown scenario 'g'"), out);
            assertTrue(Files.exists(marker), "runs/faults left as it was");
        } finally {
            Files.deleteIfExists(marker);
        }
    }
}
