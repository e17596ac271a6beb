package io.github.abasnn.train;

import io.github.abasnn.loss.BitLoss;
import io.github.abasnn.loss.CostLoss;
import io.github.abasnn.loss.CostTarget;
import io.github.abasnn.nn.QuantizedLayerImpl;
import io.github.abasnn.nn.SpikingGraph;
import io.github.abasnn.renewal.SwitchOffRule;
import java.util.List;
import java.util.function.Supplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What a run trains towards (method.md §5), chosen once from its configuration: the uniform baseline (bits fixed, no
 * penalty), W/S/T bit targets (the bit loss; the switch-off rule of §4 measures progress towards them), or an S-ACE or
 * energy budget (the cost loss; renewal stays on, there being no W/S target to measure progress by).
 */
sealed interface Objective permits Objective.Uniform, Objective.BitTargets, Objective.CostBudget {

    /** The objective {@code cfg} asks for. */
    static Objective of(TrainConfig cfg) {
        if (cfg.bits().uniform()) {
            return new Uniform();
        }
        return cfg.bits().costTarget() != null ? new CostBudget(cfg) : new BitTargets(cfg);
    }

    /** Puts the objective's loss on {@code graph} as its listener; {@code firstBatch} gives the layers their shapes. */
    void attach(ComputationGraph graph, Supplier<DataSet> firstBatch);

    /** At the start of a fresh run: renewal off for each quantity that starts at its target. */
    void startRenewal(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule);

    /** After {@code epochsRun} epochs: the penalty in force and whether weight and spike renewal are on. */
    EpochEnd endEpoch(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule, int epochsRun);

    /** The bit loss's last evaluation during training (for the progress line), or null. */
    BitLoss.Result lastBits();

    /** What an epoch's end reports: the penalty value and {weight, spike} renewal on. */
    record EpochEnd(double penalty, boolean[] renewal) {
        /** No penalty, no renewal (a fresh array each time: callers own what they get). */
        static EpochEnd none() {
            return new EpochEnd(0, new boolean[] {false, false});
        }
    }

    /** Bits and T fixed at their initial values: no penalty, nothing to renew. */
    final class Uniform implements Objective {
        @Override
        public void attach(ComputationGraph graph, Supplier<DataSet> firstBatch) {}

        @Override
        public void startRenewal(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule) {}

        @Override
        public EpochEnd endEpoch(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule, int epochsRun) {
            return EpochEnd.none();
        }

        @Override
        public BitLoss.Result lastBits() {
            return null;
        }
    }

    /** W/S/T targets under the bit loss, the switch-off rule measuring progress from init towards them. */
    final class BitTargets implements Objective {
        private final TrainConfig.Bits bits;
        private final BitLoss loss;
        private final BitLossListener listener;

        BitTargets(TrainConfig cfg) {
            this.bits = cfg.bits();
            this.loss = new BitLoss(bits.targets(), bits.effectivePenalties());
            this.listener = new BitLossListener(loss);
        }

        @Override
        public void attach(ComputationGraph graph, Supplier<DataSet> firstBatch) {
            graph.setListeners(listener);
        }

        @Override
        public void startRenewal(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule) {
            SpikingGraph.switchOffRenewal(layers, rule.offFromStart(bits.initWeightBits(), bits.targets().weightBits()),
                    rule.offFromStart(bits.initSpikeBits(), bits.targets().spikeBits()));
        }

        @Override
        public EpochEnd endEpoch(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule, int epochsRun) {
            List<QuantizedLayerImpl<?>> learnable = layers.stream().filter(SpikingGraph::learnable).toList();
            if (learnable.isEmpty()) {
                return EpochEnd.none();
            }
            BitLoss.Result r = loss.evaluate(SpikingGraph.bits(learnable)); // the allocation in force
            boolean offW = rule.switchesOff(r.weightBitsAvg(), bits.initWeightBits(), bits.targets().weightBits(),
                    epochsRun);
            boolean offS = rule.switchesOff(r.spikeBitsAvg(), bits.initSpikeBits(), bits.targets().spikeBits(),
                    epochsRun);
            SpikingGraph.switchOffRenewal(layers, offW, offS);
            return new EpochEnd(r.value(), SpikingGraph.renewalOn(learnable.get(0)));
        }

        @Override
        public BitLoss.Result lastBits() {
            return listener.last();
        }
    }

    /** An S-ACE or energy budget under the cost loss; refused when below what the network can reach. */
    final class CostBudget implements Objective {
        private final TrainConfig cfg;
        private final CostLossListener listener;

        CostBudget(TrainConfig cfg) {
            this.cfg = cfg;
            this.listener = new CostLossListener(new CostLoss(cfg.bits().costTarget(),
                    cfg.bits().costPenalty() * cfg.bits().penaltyScale()));
        }

        @Override
        public void attach(ComputationGraph graph, Supplier<DataSet> firstBatch) {
            requireReachable(graph, firstBatch.get());
            graph.setListeners(listener);
            listener.prepare(graph);
        }

        /**
         * Refuses a budget below the smallest cost the network can reach — 1-bit weights and spikes at {@code T = 1}
         * (energy: every spike-driven layer silent, so only the first layer's MACs at {@code T = 1}) — naming the
         * option. One forward pass on the first training batch gives the layers their shapes.
         */
        private void requireReachable(ComputationGraph graph, DataSet batch) {
            graph.output(false, batch.getFeatures());
            graph.clearLayersStates();
            List<QuantizedLayerImpl<?>> layers = SpikingGraph.layers(graph);
            CostTarget target = cfg.bits().costTarget();
            double min = new CostLoss(target, 0).minimum(SpikingGraph.costs(layers));
            SpikingGraph.resetFiring(layers);
            if (target.value() < min) {
                boolean sace = target.kind() == CostTarget.Kind.SACE;
                throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s %.4g is below %.4g %s,"
                        + " the least this %s reaches (%s)", sace ? "--target-sace" : "--target-energy",
                        target.value(), min, sace ? "G" : "µJ", cfg.model().network() + " width "
                                + cfg.model().width(), sace ? "1-bit weights and spikes, T = 1"
                                : "the first layer alone at T = 1"));
            }
        }

        @Override
        public void startRenewal(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule) {}

        @Override
        public EpochEnd endEpoch(List<QuantizedLayerImpl<?>> layers, SwitchOffRule rule, int epochsRun) {
            double penalty = listener.last() != null ? listener.last().value() : 0;
            return new EpochEnd(penalty, SpikingGraph.renewalOn(layers.stream().filter(SpikingGraph::learnable)
                    .findFirst().orElseThrow()));
        }

        @Override
        public BitLoss.Result lastBits() {
            return null;
        }
    }
}
