package io.github.abasnn.train;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Trainer options by name, the form a sweep file and a stored trial row hold them in: the command line's long names
 * without dashes ({@code penalty-scale}) and values as written ({@code "true"}/{@code "false"} for flags).
 * {@link #toConfig} sets them on the command's typed options — the one declaration of each option, its default and
 * its parsing — and builds the {@link TrainConfig} from those, so no command line is assembled and parsed again;
 * {@link #of(String...)} reads a command line into this form once, where a user typed it.
 */
public final class TrainOptions {
    /** Options of the command that say how it runs, not what is trained. */
    private static final Set<String> NOT_CONFIG = Set.of("resume", "progress", "help", "version");

    private TrainOptions() {}

    /**
     * The configuration these options stand for, every other option at its default.
     *
     * @throws IllegalArgumentException naming the option when one is unknown or its value does not parse or is not
     *                                  allowed
     */
    public static TrainConfig toConfig(Map<String, String> options) {
        TrainCli cli = new TrainCli();
        CommandLine.Model.CommandSpec spec = new CommandLine(cli).getCommandSpec();
        options.forEach((name, value) -> {
            OptionSpec o = spec.findOption("--" + name);
            if (o == null || NOT_CONFIG.contains(name) || !o.longestName().equals("--" + name)) {
                throw new IllegalArgumentException("unknown trainer option '" + name + "'");
            }
            if (value == null) {
                throw new IllegalArgumentException("trainer option --" + name + " has no value");
            }
            o.setValue(typed(o, name, value.trim()));
        });
        cli.targetGiven(options.containsKey("target"));
        return cli.config();
    }

    /**
     * The options a command line gives, by name with their values as typed (a flag {@code "true"}, a negated one
     * {@code "false"}); options that say how the command runs ({@code --resume}, {@code --progress}) are left out.
     *
     * @throws IllegalArgumentException naming the argument the command line's parser refused
     */
    public static SortedMap<String, String> of(String... args) {
        CommandLine.ParseResult parsed;
        try {
            parsed = new CommandLine(new TrainCli()).parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SortedMap<String, String> out = new TreeMap<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            String name = o.longestName().substring(2);
            if (NOT_CONFIG.contains(name)) {
                continue;
            }
            boolean flag = o.arity().max() == 0 || o.negatable() && o.type() == boolean.class;
            java.util.List<String> typed = o.originalStringValues();
            out.put(name, flag ? String.valueOf((Object) o.getValue()) : typed.get(typed.size() - 1));
        }
        return out;
    }

    private static Object typed(OptionSpec o, String name, String value) {
        Class<?> type = o.type();
        try {
            if (type == String.class) {
                return value;
            } else if (type == int.class || type == Integer.class) {
                return Integer.parseInt(value);
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(value);
            } else if (type == double.class || type == Double.class) {
                return Double.parseDouble(value);
            } else if (type == boolean.class || type == Boolean.class) {
                String v = value.toLowerCase(Locale.ROOT);
                if (!v.equals("true") && !v.equals("false")) {
                    throw new IllegalArgumentException("trainer option --" + name + " = '" + value
                            + "' must be true or false");
                }
                return Boolean.parseBoolean(v);
            } else if (type == Path.class) {
                return Path.of(value);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("trainer option --" + name + " = '" + value + "' is not a "
                    + (type == double.class || type == Double.class ? "number" : "whole number"), e);
        }
        throw new IllegalStateException("trainer option --" + name + " has a type this reader does not know: " + type);
    }
}
