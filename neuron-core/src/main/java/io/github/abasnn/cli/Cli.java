package io.github.abasnn.cli;

import io.github.abasnn.bench.TrainStepBench;
import io.github.abasnn.data.DataFormatException;
import io.github.abasnn.data.events.ConvertToNMnist;
import io.github.abasnn.golden.GoldenCheck;
import io.github.abasnn.intmodel.IntModelCli;
import io.github.abasnn.train.BadInput;
import io.github.abasnn.train.BuildInfo;
import io.github.abasnn.train.CheckpointInspector;
import io.github.abasnn.train.TrainCli;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * neuron-core's one entry point: {@code train}, {@code inspect}, {@code int-model export-int|predict}, {@code bench},
 * {@code convert-nmnist} and {@code golden-check} as subcommands (the {@code submit/} scripts call it). Bad input — an
 * option, a value, a file that is missing or corrupt — ends with exit 2 and one line naming it; anything else is a
 * stack trace and exit 1.
 */
@Command(name = "aba-snn-core", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        subcommands = {TrainCli.class, Cli.Inspect.class, IntModelCli.class, TrainStepBench.class,
                ConvertToNMnist.class, GoldenCheck.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done",
                "1:an unexpected error (stack trace printed)", "2:bad option or input (named)"},
        description = "Single-machine training, inspection, integer export and checks of multi-bit SNNs.")
public final class Cli implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: "
                + String.join(", ", spec.subcommands().keySet()));
    }

    /** The command line with its error handling; {@link #main} runs it. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Cli());
        cli.setCaseInsensitiveEnumValuesAllowed(true); // enum options are written in lower case (--engine plan)
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // a missing or unreadable file given to int-model is input, as an option is; in training it is not
            boolean io = e instanceof IOException && cmd.getCommandSpec().root() != null
                    && parsed.subcommand() != null && parsed.subcommand().commandSpec().name().equals("int-model");
            if (BadInput.raisedByProject(e) || e instanceof DataFormatException || io) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true,
            description = "The raw quantizer state of run directories' checkpoints, per quantized layer.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "RUN", description = "run directories with a checkpoint")
        List<Path> runs;

        @Override
        public Integer call() throws IOException {
            for (Path run : runs) {
                System.out.println("== " + run);
                CheckpointInspector.print(CheckpointInspector.rows(run), System.out);
            }
            return 0;
        }
    }
}
