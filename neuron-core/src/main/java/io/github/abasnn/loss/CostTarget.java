package io.github.abasnn.loss;

import java.util.Locale;

/**
 * A cost budget as the training target, instead of W/S/T averages (beyond the paper): S-ACE in G per image, or energy
 * in µJ per image under a named energy model. Parsed from {@code --target-sace} / {@code --target-energy}.
 */
public record CostTarget(Kind kind, double value, String energyModel) implements java.io.Serializable {
    /** The energy models the cost model knows (method.md §5). */
    public static final String HOROWITZ_45NM = "horowitz-45nm";

    public enum Kind { SACE, ENERGY }

    public CostTarget {
        if (kind == null) {
            throw new IllegalArgumentException("cost target needs a kind");
        }
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException((kind == Kind.SACE ? "--target-sace" : "--target-energy") + " must be a"
                    + " positive number, got " + value);
        }
        if (kind == Kind.ENERGY && !HOROWITZ_45NM.equals(energyModel)) {
            throw new IllegalArgumentException("--energy-model '" + energyModel + "' is unknown; known: "
                    + HOROWITZ_45NM);
        }
    }

    /**
     * The target from the CLI's two options (null when neither is given); both at once are refused, naming them.
     */
    public static CostTarget of(Double sace, Double energy, String energyModel) {
        if (sace != null && energy != null) {
            throw new IllegalArgumentException("--target-sace and --target-energy are two kinds of target; give one");
        }
        if (sace != null) {
            return new CostTarget(Kind.SACE, sace, null);
        }
        return energy == null ? null : new CostTarget(Kind.ENERGY, energy, energyModel);
    }

    /** The unit the value is in: {@code G} (S-ACE) or {@code µJ} (energy per image). */
    public String unit() {
        return kind == Kind.SACE ? "G S-ACE" : "µJ per image (" + energyModel + ")";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.4g %s", kind == Kind.SACE ? "S-ACE" : "energy", value, unit());
    }
}
