package io.github.abasnn.cost;

/**
 * The costs of one trained model (method.md §5). Averages exclude the first layer; S-ACE counts it at 8x8.
 * Firing-dependent figures are NaN when firing was not measured.
 *
 * @param weightBitsAvg  {@code Bw_avg}, weighted by weight count
 * @param spikeBitsAvg   {@code Bs_avg}, weighted by input feature-map size
 * @param timeStepsAvg   {@code T_avg}, weighted by input feature-map size
 * @param bitBudget      {@code Bw_avg * Bs_avg * T_avg}
 * @param sAceG          S-ACE in G (1e9) bit operations per sample
 * @param firingRate     nonzero spikes over (elements * T), all layers
 * @param nsAceG         S-ACE times firing rate, in G
 * @param sopsG          synaptic operations {@code sum MACs * min(sum_t Bs_t, Bw)}, in G
 * @param energyPj       per-sample inference energy under {@link #energyModel}, picojoules
 * @param annEnergyPj    the same network as an fp32 ANN (one fp32 MAC per MAC), picojoules
 * @param energyModel    names the table and the operation model used for the energy figures
 */
public record CostReport(double weightBitsAvg, double spikeBitsAvg, double timeStepsAvg, double bitBudget,
                         double sAceG, double firingRate, double nsAceG, double sopsG, double energyPj,
                         double annEnergyPj, String energyModel) {}
