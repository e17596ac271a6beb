package io.github.abasnn.cost;

/**
 * Energy per operation in picojoules, named after its source so that every energy figure can say which
 * table it used. {@link #HOROWITZ_45NM}: M. Horowitz, "Computing's energy problem", ISSCC 2014, 45 nm.
 */
public record EnergyTable(String name, double fp32Mac, double fp32Add, double int8Mac, double int8Add) {
    public static final EnergyTable HOROWITZ_45NM = new EnergyTable("horowitz-45nm", 4.6, 0.9, 0.23, 0.03);
}
