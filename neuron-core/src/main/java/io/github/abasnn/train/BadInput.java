package io.github.abasnn.train;

/**
 * Which failures the command lines report as bad input (exit 2, one line naming the option, key, file or value): an
 * {@link IllegalArgumentException} that this project's own checks raised — thrown from a class of
 * {@code io.github.abasnn} — and not one of its subclasses that libraries throw for their own reasons (a
 * {@link NumberFormatException} from deep inside a library is a bug to see with its stack trace, exit 1).
 */
public final class BadInput {
    private static final String PROJECT = "io.github.abasnn.";

    private BadInput() {}

    /** Whether {@code e} is a bad-input error raised by this project's checks. */
    public static boolean raisedByProject(Throwable e) {
        if (e == null || e.getClass() != IllegalArgumentException.class) {
            return false;
        }
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith(PROJECT);
    }
}
