package io.github.abasnn.train;

import java.util.Locale;

/** A short human-readable summary of a run. */
final class Summary {
    private Summary() {}

    static String of(TrainResult r) {
        TrainConfig c = r.config();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%s w=%d on %s, %s %s, %d epochs, %.0f s%n", c.model().network(), c.model().width(),
                c.data().dataset(), c.bits().uniform() ? "uniform" : "learned, target " + c.bits().targets(),
                "init " + c.bits().initWeightBits() + "/" + c.bits().initSpikeBits() + "/" + c.bits().initTimeSteps(), c.optimiser().epochs(), r.seconds()));
        sb.append(String.format(Locale.ROOT, "test accuracy  %.2f%%%n", 100 * r.testAccuracy()));
        sb.append(String.format(Locale.ROOT, "learned W/S/T  %.2f/%.2f/%.2f%n", r.cost().weightBitsAvg(),
                r.cost().spikeBitsAvg(), r.cost().timeStepsAvg()));
        sb.append(String.format(Locale.ROOT, "bit budget     %.2f%n", r.cost().bitBudget()));
        sb.append(String.format(Locale.ROOT, "S-ACE          %.4f G   NS-ACE %.4f G   firing rate %.3f%n",
                r.cost().sAceG(), r.cost().nsAceG(), r.cost().firingRate()));
        sb.append(String.format(Locale.ROOT, "energy         %.1f nJ per image (%s); fp32 ANN %.1f nJ%n",
                r.cost().energyPj() / 1000, r.cost().energyModel(), r.cost().annEnergyPj() / 1000));
        sb.append("outputs        ").append(c.outDir().resolve("result.json")).append(", ")
                .append(c.outDir().resolve("metrics.json"));
        return sb.toString();
    }
}
