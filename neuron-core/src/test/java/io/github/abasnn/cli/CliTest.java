package io.github.abasnn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** One entry point: every tool a subcommand, bad input exit 2 with one line naming it. */
class CliTest {
    @TempDir
    Path tmp;

    private static int run(StringWriter err, String... args) {
        CommandLine cli = Cli.commandLine();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        return cli.execute(args);
    }

    @Test
    void everyToolIsASubcommand() {
        assertEquals(java.util.Set.of("train", "inspect", "int-model", "bench", "convert-nmnist", "golden-check"),
                Cli.commandLine().getSubcommands().keySet());
    }

    @Test
    void badInputIsExitTwoNamingIt() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--width", "0", "--out", tmp.resolve("o").toString()));
        assertTrue(err.toString().contains("width = 0"), err.toString());

        StringWriter missing = new StringWriter();
        assertEquals(2, run(missing, "int-model", "predict", "--model", tmp.resolve("none.absnn-int").toString()));
        assertTrue(missing.toString().contains("none.absnn-int"), missing.toString());

        StringWriter none = new StringWriter();
        assertEquals(2, run(none));
        assertTrue(none.toString().contains("name a subcommand"), none.toString());
    }
}
