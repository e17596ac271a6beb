package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.train.BadInput;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The command line's contract: hostile sweep names refused up front, bad input told apart from bugs, docs true. */
class MainTest {
    record Run(int code, String err) {}

    static Run run(String... args) {
        CommandLine cli = Main.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        return new Run(cli.execute(args), err.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\' OR 1=1 --", "a' OR 1=1 --", "x\\", "a b"})
    void everyCommandTakingASweepRefusesAHostileName(String hostile) {
        List<String[]> commands = List.of(
                new String[] {"train", "--results", "unused", "--sweep", hostile, "--", "--epochs", "1"},
                new String[] {"report", "--results", "unused", "--sweep", hostile},
                new String[] {"score", "--results", "unused", "--model", "unused", "--sweep", hostile},
                new String[] {"stopping-replay", "--results", "unused", "--sweep", hostile, "--rule", "rule = median"},
                new String[] {"export", "--results", "unused", "--out", "unused", "--sweep", hostile});
        for (String[] args : commands) {
            Run r = run(args);
            assertEquals(2, r.code(), args[0] + ": " + r.err());
            assertTrue(r.err().contains("--sweep") && r.err().contains("'" + hostile + "'"),
                    args[0] + " names the option and the value: " + r.err());
        }
    }

    @Test
    void onlyTheProjectsOwnBadInputIsExitTwo() {
        IllegalArgumentException ours = new IllegalArgumentException("--x 3 is out of range");
        assertTrue(BadInput.raisedByProject(ours), "raised here, in io.github.abasnn");
        assertFalse(BadInput.raisedByProject(new NumberFormatException("For input string: \"x\"")),
                "a library's NumberFormatException is a bug, with its trace");
        IllegalArgumentException library = new IllegalArgumentException("from a library");
        library.setStackTrace(new StackTraceElement[] {new StackTraceElement("org.apache.Foo", "bar", "Foo.java", 1)});
        assertFalse(BadInput.raisedByProject(library));
        assertFalse(BadInput.raisedByProject(new IllegalStateException("x")));
    }

    @Test
    void theClassCommentNamesEverySubcommand() throws Exception {
        List<String> names = new ArrayList<>(Main.commandLine().getSubcommands().keySet());
        String source = Files.readString(Path.of("src/main/java/io/github/abasnn/jobs/Main.java"));
        Matcher comment = Pattern.compile("/\\*\\*\\s*\\* The application's one entry point:(.*?)\\*/",
                Pattern.DOTALL).matcher(source);
        assertTrue(comment.find(), "Main's class comment");
        for (String name : names) {
            assertTrue(comment.group(1).contains("{@code " + name + "}"), "Main's comment names " + name);
        }
        assertEquals(9, names.size(), names.toString());
    }
}
