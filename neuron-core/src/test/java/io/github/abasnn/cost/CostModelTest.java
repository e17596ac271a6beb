package io.github.abasnn.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CostModelTest {

    @Test
    void convMacsFollowTheSpecFormula() {
        assertEquals(32L * 32 * 9 * 3 * 16, LayerShape.conv(3, 16, 3, 1, 1, 32).macs());
        assertEquals(16L * 16 * 9 * 16 * 32, LayerShape.conv(16, 32, 3, 2, 1, 32).macs(), "stride 2 halves the map");
        assertEquals(8L * 8 * 16 * 32, LayerShape.conv(16, 32, 1, 2, 0, 16).macs(), "1x1 downsample");
        assertEquals(112L * 112 * 49 * 3 * 64, LayerShape.conv(3, 64, 7, 2, 3, 224).macs());
        assertEquals(256L * 10, LayerShape.dense(256, 10).macs());
    }

    @Test
    void averagesAreElementWeightedAndExcludeTheFirstLayer() {
        LayerShape a = LayerShape.conv(16, 16, 3, 1, 1, 8);  // Nw 2304, Nf 1024
        LayerShape b = LayerShape.dense(1024, 10);           // Nw 10240, Nf 1024
        List<LayerAllocation> layers = List.of(
                LayerAllocation.of("stem", LayerShape.conv(3, 16, 3, 1, 1, 8), true, 8, 8, 8),
                LayerAllocation.of("a", a, false, 4, 2, 4),
                LayerAllocation.of("b", b, false, 2, 1));
        CostReport r = CostModel.horowitz45nm().report(layers);
        double w = (4.0 * 2304 + 2.0 * 10240) / (2304 + 10240);
        double s = (3.0 * 1024 + 1.0 * 1024) / 2048;
        double t = (2.0 * 1024 + 1.0 * 1024) / 2048;
        assertEquals(w, r.weightBitsAvg(), 1e-12);
        assertEquals(s, r.spikeBitsAvg(), 1e-12);
        assertEquals(t, r.timeStepsAvg(), 1e-12);
        assertEquals(w * s * t, r.bitBudget(), 1e-12);
        double sAce = 8.0 * 8 * 9 * 3 * 16 * (8 * 8) * 2 + a.macs() * 4.0 * (2 + 4) + b.macs() * 2.0 * 1;
        assertEquals(sAce / 1e9, r.sAceG(), 1e-18);
        assertTrue(Double.isNaN(r.firingRate()), "firing not measured");
        assertTrue(Double.isNaN(r.energyPj()));
        assertEquals("horowitz-45nm/bit-serial-accumulate", r.energyModel());
    }

    @Test
    void firingRateScalesNsAceAndEnergy() {
        LayerShape stem = LayerShape.conv(3, 8, 3, 1, 1, 4);
        LayerShape fc = LayerShape.dense(128, 10);
        List<LayerAllocation> layers = List.of(
                LayerAllocation.of("stem", stem, true, 8, 8).withFiring(48, 48),
                LayerAllocation.of("fc", fc, false, 2, 3, 1).withFiring(256, 16));
        CostReport r = CostModel.horowitz45nm().report(layers);
        assertEquals(64.0 / 304, r.firingRate(), 1e-15);
        assertEquals(r.sAceG() * r.firingRate(), r.nsAceG(), 1e-18);
        double energy = stem.macs() * 1 * 0.23 + 0.03 * fc.macs() * (16.0 / 256) * 4;
        assertEquals(energy, r.energyPj(), 1e-9);
        assertEquals((stem.macs() + fc.macs()) * 4.6, r.annEnergyPj(), 1e-9);
        double sops = stem.macs() * 8.0 + fc.macs() * Math.min(4, 2);
        assertEquals(sops / 1e9, r.sopsG(), 1e-18);
    }

    @Test
    void badLayerDescriptionsNameTheValue() {
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> LayerShape.conv(3, 16, 9, 1, 0, 4));
        assertTrue(k.getMessage().contains("inHeight"), k.getMessage());
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> LayerAllocation.of("l3", LayerShape.dense(4, 4), false, 0, 2));
        assertTrue(bits.getMessage().contains("l3") && bits.getMessage().contains("0"), bits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CostModel.horowitz45nm().report(List.of()));
    }
}
