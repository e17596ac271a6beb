package io.github.abasnn.kernel;

import io.github.abasnn.quant.Firing;

/**
 * Scalar integer levels of method.md §2 for {@code v = x/step}: spikes (unsigned or signed) and, as the signed case
 * with the weight's {@code qmax}, weights. Shared by every fused kernel and the fused renewal search.
 */
public final class SpikeLevels {
    private SpikeLevels() {}

    /** Integer spike for the scaled input {@code v}. */
    public static double level(double v, int bits, int qmax, boolean signed, Firing firing) {
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
