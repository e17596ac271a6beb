package io.github.abasnn.results.store;

import io.github.abasnn.sweep.SweepSpec;
import java.util.Collection;

/**
 * The names that reach the result store's predicates and partition paths — sweep names and trial ids — checked by
 * one rule ({@link SweepSpec#isSweepName}: letters, digits, '.', '_', '-'): every store entry point that takes a name
 * checks it here, and the commands check their {@code --sweep} with the same rule before anything runs. Predicates are
 * built from Column expressions all the same ({@link TrialPredicate}); the rule keeps names usable as paths too.
 */
public final class StoreNames {
    private StoreNames() {}

    /** {@code name} if it is a valid sweep name; otherwise an error naming it and the rule. */
    public static String sweep(String name) {
        return check("sweep name", name);
    }

    /** {@code id} if it is a valid trial id; otherwise an error naming it and the rule. */
    public static String trial(String id) {
        return check("trial id", id);
    }

    /** Checks every id of {@code ids}. */
    public static <C extends Collection<String>> C trials(C ids) {
        ids.forEach(StoreNames::trial);
        return ids;
    }

    private static String check(String what, String name) {
        if (name == null || !SweepSpec.isSweepName(name)) {
            throw new IllegalArgumentException(what + " '" + name + "' is not allowed: use letters, digits, '.', '_'"
                    + " and '-' only (not '.' or '..' alone); it names a table partition and a directory");
        }
        return name;
    }
}
