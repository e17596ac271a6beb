package io.github.abasnn.kernel;

import io.github.abasnn.quant.Firing;

/** Scalar spike levels and the straight-through terms of method.md §2, shared by the fused kernels. */
final class SpikeLevels {
    private SpikeLevels() {}

    /** Integer spike for the scaled input {@code v}. */
    static double level(double v, int bits, int qmax, boolean signed, Firing firing) {
        if (signed) {
            if (bits == 1) {
                return v > 0 ? 1 : -1;
            }
            double c = v < -qmax ? -qmax : (v > qmax ? qmax : v);
            return c >= 0 ? Math.floor(c + 0.5) : -Math.floor(-c + 0.5);
        }
        double c = v < 0 ? 0 : v;
        c = c > qmax ? qmax : c;
        if (firing == Firing.FLOOR) {
            return Math.floor(c);
        }
        if (bits == 1) {
            return v > 0.5 ? 1 : 0;
        }
        return Math.floor(c + 0.5);
    }
}
