package io.github.abasnn.cost;

import java.util.List;

/**
 * Computes a {@link CostReport} from a description of the layers (method.md §5).
 *
 * <p>Energy model ({@code <table>/bit-serial-accumulate}): the first layer receives real-valued input and pays one
 * int8 MAC per MAC per time step; every later layer is spike-driven, and a nonzero spike of {@code b} bits costs
 * {@code b} int8 accumulates per synapse (bit-serial), so {@code E_l = E_add8 * MACs_l * fr_l * sum_t Bs_{l,t}}.
 * The ANN reference pays one fp32 MAC per MAC.
 */
public final class CostModel {
    /** Bits at which the first layer is counted (fixed 8-bit weights and spikes). */
    public static final int FIRST_LAYER_BITS = 8;

    private final EnergyTable energy;

    public CostModel(EnergyTable energy) {
        this.energy = energy;
    }

    public static CostModel horowitz45nm() {
        return new CostModel(EnergyTable.HOROWITZ_45NM);
    }

    public String energyModelName() {
        return energy.name() + "/bit-serial-accumulate";
    }

    /** One layer's energy per image in pJ under this model (NaN when its firing was not measured). */
    public double layerEnergyPj(LayerAllocation l) {
        long macs = l.shape().macs();
        return l.first() ? (double) macs * l.timeSteps() * energy.int8Mac()
                : energy.int8Add() * macs * l.firingRate() * l.spikeBitSum();
    }

    public CostReport report(List<LayerAllocation> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("cost model needs at least one layer");
        }
        double wNum = 0, wDen = 0, sNum = 0, tNum = 0, fDen = 0;
        double sAce = 0, sops = 0, slots = 0, nonzero = 0, annEnergy = 0;
        double energyPj = 0;
        boolean measured = true;
        for (LayerAllocation l : layers) {
            long macs = l.shape().macs();
            int t = l.timeSteps();
            annEnergy += macs * energy.fp32Mac();
            energyPj += layerEnergyPj(l);
            if (l.first()) {
                sAce += (double) macs * FIRST_LAYER_BITS * FIRST_LAYER_BITS * t;
                sops += (double) macs * Math.min(t * FIRST_LAYER_BITS, FIRST_LAYER_BITS);
            } else {
                long nw = l.shape().weightCount();
                long nf = l.shape().inputElements();
                wNum += (double) l.weightBits() * nw;
                wDen += nw;
                sNum += l.meanSpikeBits() * nf;
                tNum += (double) t * nf;
                fDen += nf;
                sAce += (double) macs * l.weightBits() * l.spikeBitSum();
                sops += (double) macs * Math.min(l.spikeBitSum(), l.weightBits());
            }
            measured &= l.spikeSlots() > 0;
            slots += l.spikeSlots();
            nonzero += l.nonzeroSpikes();
        }
        double wAvg = wDen == 0 ? Double.NaN : wNum / wDen;
        double sAvg = fDen == 0 ? Double.NaN : sNum / fDen;
        double tAvg = fDen == 0 ? Double.NaN : tNum / fDen;
        double firing = measured ? nonzero / slots : Double.NaN;
        return new CostReport(wAvg, sAvg, tAvg, wAvg * sAvg * tAvg, sAce / 1e9, firing, sAce / 1e9 * firing,
                sops / 1e9, measured ? energyPj : Double.NaN, annEnergy, energyModelName());
    }
}
