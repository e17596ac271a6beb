package io.github.abasnn.ml;

import io.github.abasnn.train.TrainCli;
import picocli.CommandLine;

/**
 * The trainer CLI's option defaults, read from its annotations: the one place they are written, so the Spark ML
 * stage's {@code Param} defaults cannot drift from {@code train --help}.
 */
final class TrainerDefaults {
    private static final CommandLine.Model.CommandSpec SPEC = new CommandLine(new TrainCli()).getCommandSpec();

    private TrainerDefaults() {}

    static String of(String option) {
        CommandLine.Model.OptionSpec o = SPEC.findOption(option);
        if (o == null || o.defaultValue() == null) {
            throw new IllegalStateException("the trainer has no default for " + option);
        }
        return o.defaultValue();
    }

    static int intOf(String option) {
        return Integer.parseInt(of(option));
    }

    static double doubleOf(String option) {
        return Double.parseDouble(of(option));
    }

    /** {@code penaltyScale} to {@code --penalty-scale}. */
    static String option(String param) {
        return "--" + param.replaceAll("([A-Z])", "-$1").toLowerCase(java.util.Locale.ROOT);
    }
}
