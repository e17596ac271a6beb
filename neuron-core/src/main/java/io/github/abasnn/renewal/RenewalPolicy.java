package io.github.abasnn.renewal;

import java.util.Locale;

/**
 * Which step sizes renewal resets on a bit change (method.md §4), by the paper's names: activation-only is its best
 * ablation and this project's default; both (bilateral) is what the authors' release runs.
 */
public enum RenewalPolicy {
    NONE(false, false),
    WEIGHT(true, false),
    ACTIVATION(false, true),
    BOTH(true, true);

    private final boolean weights;
    private final boolean activations;

    RenewalPolicy(boolean weights, boolean activations) {
        this.weights = weights;
        this.activations = activations;
    }

    public boolean renewsWeights() {
        return weights;
    }

    public boolean renewsActivations() {
        return activations;
    }

    /** Parses {@code none | activation | weight | both} (any case; also {@code act}, {@code bilateral}). */
    public static RenewalPolicy parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        switch (key) {
            case "none": return NONE;
            case "weight": case "weight_only": return WEIGHT;
            case "act": case "activation": case "activation_only": return ACTIVATION;
            case "both": case "bilateral": return BOTH;
            default:
                throw new IllegalArgumentException("unknown renewal policy '" + name
                        + "'; expected one of none, activation, weight, both");
        }
    }
}
