package io.github.abasnn.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code docs/cli.md} is picocli's own help of every command of both entry points, so the option tables cannot drift
 * from the code: this test renders them and compares. After changing an option, regenerate the page with
 * {@code mvn -pl spark-jobs test -Dtest=CliReferenceTest -Dabasnn.writeCliReference=true}.
 */
class CliReferenceTest {
    static final Path PAGE = Path.of("..", "docs", "cli.md");

    static String render() {
        StringBuilder md = new StringBuilder("""
                # Command-line reference

                Generated from the commands' own help (picocli) by `CliReferenceTest`, which fails when this page and
                the code disagree. `submit/spark/*.sh` run the application's commands (`io.github.abasnn.jobs.Main`),
                `submit/core/*.sh` neuron-core's (`io.github.abasnn.cli.Cli`); every command also takes `--help` and
                `--version`.
                """);
        section(md, "Application (Spark): `submit/spark/local.sh COMMAND ...`", Main.commandLine());
        section(md, "neuron-core (no Spark): `submit/core/train.sh ...` and the other `submit/core` scripts",
                io.github.abasnn.cli.Cli.commandLine());
        return md.toString();
    }

    private static void section(StringBuilder md, String title, CommandLine root) {
        md.append("\n## ").append(title).append("\n\n```\n").append(usage(root)).append("```\n");
        for (Map.Entry<String, CommandLine> sub : root.getSubcommands().entrySet()) {
            md.append("\n### ").append(sub.getKey()).append("\n\n```\n").append(usage(sub.getValue())).append("```\n");
            for (Map.Entry<String, CommandLine> subsub : sub.getValue().getSubcommands().entrySet()) {
                md.append("\n#### ").append(sub.getKey()).append(' ').append(subsub.getKey()).append("\n\n```\n")
                        .append(usage(subsub.getValue())).append("```\n");
            }
        }
    }

    private static String usage(CommandLine cmd) {
        cmd.getCommandSpec().usageMessage().width(110);
        return cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("(?m)[ \\t]+$", "");
    }

    @Test
    void thePageIsTheCommandsOwnHelp() throws Exception {
        String now = render();
        if (Boolean.getBoolean("abasnn.writeCliReference")) {
            Files.writeString(PAGE, now);
        }
        assertEquals(now, Files.exists(PAGE) ? Files.readString(PAGE) : "", "docs/cli.md is stale; regenerate it"
                + " with -Dabasnn.writeCliReference=true (see this test's comment)");
    }
}
