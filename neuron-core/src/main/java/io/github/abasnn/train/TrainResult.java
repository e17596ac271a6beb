package io.github.abasnn.train;

import io.github.abasnn.cost.CostReport;
import java.util.List;

/** The outcome of a run: final accuracy, the learned allocation, its costs, every epoch's metrics, how it ended. */
public record TrainResult(TrainConfig config, double testAccuracy, CostReport cost, List<LayerReport> layers,
                          List<EpochMetrics> epochs, double seconds, TrialStatus status) {}
