package io.github.abasnn.cost;

/** The kinds of quantized layer the cost model knows. */
public enum LayerKind {
    CONV,
    DENSE
}
