package io.github.abasnn.renewal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.abasnn.quant.WeightQuantizer;
import io.github.abasnn.testing.Arrays2;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

class RenewalTest {

    @Property(tries = 60)
    void theChosenRangeIsNoWorseThanAnyCandidate(@ForAll @IntRange(min = 1, max = 6) int bits,
                                                 @ForAll @IntRange(min = 1, max = 60) int grid,
                                                 @ForAll @DoubleRange(min = 1.0, max = 3.0) double power,
                                                 @ForAll boolean signed,
                                                 @ForAll long seed) {
        INDArray x = Arrays2.gaussian(seed, 0.5, 1, 4, 25);
        RangeSearch search = new RangeSearch(grid, power);
        RangeSearch.Range best = search.search(x, bits, signed);
        double range = x.maxNumber().doubleValue() - x.minNumber().doubleValue();
        for (int k = 1; k <= grid; k++) {
            double hi = k * range / grid;
            double candidate = search.error(x, signed ? -hi : 0, hi, bits, signed);
            assertTrue(best.error() <= candidate * (1 + 1e-9) + 1e-15, "candidate " + k); // fused vs op-chain sums
        }
    }

    @Property(tries = 40)
    void refiningTheGridNeverIncreasesTheError(@ForAll @IntRange(min = 1, max = 5) int bits,
                                               @ForAll @IntRange(min = 1, max = 40) int grid,
                                               @ForAll long seed) {
        INDArray x = Arrays2.gaussian(seed, 0.2, 1, 60);
        double coarse = new RangeSearch(grid, 2.4).search(x, bits, false).error();
        double fine = new RangeSearch(2 * grid, 2.4).search(x, bits, false).error();
        assertTrue(fine <= coarse, fine + " > " + coarse);
    }

    @Property(tries = 40)
    void renewalNeverIncreasesTheLpErrorOfAFreshQuantizer(@ForAll @IntRange(min = 2, max = 6) int oldBits,
                                                          @ForAll @IntRange(min = 1, max = 5) int drop,
                                                          @ForAll long seed) {
        int newBits = Math.max(1, oldBits - drop);
        INDArray x = Arrays2.gaussian(seed, 0.3, 1, 80);
        RangeSearch search = RangeSearch.defaults();
        double range = x.maxNumber().doubleValue() - x.minNumber().doubleValue();
        // the stale step: the best step for the old width, now used with fewer levels
        double staleStep = search.search(x, oldBits, false).hi() / ((1 << oldBits) - 1);
        double renewed = new BitWidthObserver(oldBits).observe(x, newBits, false, staleStep, search);
        double staleError = search.error(x, 0, staleStep * ((1 << newBits) - 1), newBits, false);
        double renewedError = search.error(x, 0, renewed * ((1 << newBits) - 1), newBits, false);
        assertTrue(range > 0);
        assertTrue(renewedError <= staleError + 1e-15, renewedError + " > stale " + staleError);
    }

    @Test
    void observerKeepsTheStepWhileTheWidthIsUnchanged() {
        BitWidthObserver observer = new BitWidthObserver(4);
        assertEquals(0.37, observer.observe(Arrays2.of(1, 2, 3), 4, false, 0.37, RangeSearch.defaults()));
        assertEquals(Double.POSITIVE_INFINITY, observer.runningMin());
    }

    @Test
    void runningRangeOnlyGrows() {
        BitWidthObserver observer = new BitWidthObserver(4);
        observer.observe(Arrays2.gaussian(1, 0, 3, 100), 3, false, 1, RangeSearch.defaults());
        double wide = observer.runningMax();
        double step = observer.observe(Arrays2.gaussian(2, 0, 0.1, 100), 2, false, 1, RangeSearch.defaults());
        assertEquals(wide, observer.runningMax());
        assertEquals(wide / 3, step, 1e-15);
    }

    @Test
    void aLayersRenewalRenewsOnAChangeRecordsItAndNeverRenewsAfterSwitchOff() {
        RenewalState state = new RenewalState(org.nd4j.linalg.factory.Nd4j.create(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, RenewalState.length(2)), 2);
        state.reset(4, 4, RenewalPolicy.BOTH);
        INDArray x = Arrays2.gaussian(5, 1, 1, 50);
        double[] steps = {9, 9};
        boolean[] renewed = LayerRenewal.spikeSteps(state, 2, new int[] {4, 4}, steps, false, RangeSearch.defaults(),
                t -> x);
        assertArrayEquals(new boolean[] {false, false}, renewed, "width 4 unchanged: no renewal");
        renewed = LayerRenewal.spikeSteps(state, 2, new int[] {2, 4}, steps, false, RangeSearch.defaults(), t -> x);
        assertArrayEquals(new boolean[] {true, false}, renewed);
        assertTrue(steps[0] < 9 && steps[1] == 9, "step 0 renewed after 4 -> 2 bits");
        assertEquals(2, state.oldBit(0));
        assertTrue(Double.isFinite(state.runningMax(0)), "the running range is kept in the state");
        assertEquals(Double.NEGATIVE_INFINITY, state.runningMax(1), "step 1 saw no input yet");

        state.switchOffSpikeRenewal();
        renewed = LayerRenewal.spikeSteps(state, 2, new int[] {2, 1}, steps, false, RangeSearch.defaults(), t -> x);
        assertArrayEquals(new boolean[] {false, false}, renewed);
        assertEquals(9, steps[1]);
        assertEquals(1, state.oldBit(1), "the width is still recorded");
        assertFalse(state.spikeRenewalOn());

        assertEquals(0.1, LayerRenewal.weightStep(state, 4, 0.1), "weight width unchanged");
        double a = LayerRenewal.weightStep(state, 2, 0.1);
        assertEquals(new WeightRenewal(4).observe(2, 0.1), a);
        assertEquals(2, state.weightOldBit());
        state.switchOffWeightRenewal();
        assertEquals(0.3, LayerRenewal.weightStep(state, 3, 0.3), "off: kept, width recorded");
        assertEquals(3, state.weightOldBit());
    }

    @Test
    void theStateRefusesASliceOfAnotherLayout() {
        assertThrows(IllegalArgumentException.class, () -> new RenewalState(org.nd4j.linalg.factory.Nd4j.create(
                org.nd4j.linalg.api.buffer.DataType.FLOAT, 9), 2));
    }

    /**
     * The release's weight renewal, written out: its quantizer keeps {@code quant_max = max(2^(b-1) - 1, 1)} and
     * {@code quant_min = -quant_max} for the rounded width and, on a change, multiplies the step by
     * {@code (new_qmax - new_qmin) / (old_qmax - old_qmin)}. Pinned values below were computed by hand from it.
     */
    private static double releaseRenewedStep(double step, int oldBits, int newBits) {
        double oldMax = Math.max(Math.pow(2, oldBits - 1) - 1, 1);
        double newMax = Math.max(Math.pow(2, newBits - 1) - 1, 1);
        double ratio = (newMax - (-newMax)) / (oldMax - (-oldMax)); // the release forms the ratio, then scales
        return step * ratio;
    }

    @Test
    void weightRenewalIsTheReleasesRangeRatio() {
        assertEquals(0.1 / 7, new WeightRenewal(4).observe(2, 0.1), 1e-17, "4 -> 2 bits: 2/14 of the step");
        assertEquals(0.05 * 3, new WeightRenewal(2).observe(3, 0.05), 1e-17, "2 -> 3 bits: 6/2 of the step");
        assertEquals(0.2 * 127 / 7, new WeightRenewal(4).observe(8, 0.2), 1e-15);
        assertEquals(0.3, new WeightRenewal(2).observe(1, 0.3), "1 and 2 bits share the range -1..1");
        for (int from = 1; from <= 8; from++) {
            for (int to = 1; to <= 8; to++) {
                WeightRenewal renewal = new WeightRenewal(from);
                assertEquals(releaseRenewedStep(0.0123, from, to), renewal.observe(to, 0.0123), 1e-18,
                        from + " -> " + to + " bits");
                assertEquals(to, renewal.oldBit());
            }
        }
        WeightRenewal renewal = new WeightRenewal(4);
        double a = renewal.observe(3, 0.1);
        assertEquals(a, renewal.observe(3, a), "unchanged width: step kept");
        assertEquals(0.1, renewal.observe(4, a), 1e-17, "back to 4 bits: the original step");
    }

    @Test
    void policiesSayWhatTheyRenew() {
        assertTrue(RenewalPolicy.parse("act").renewsActivations());
        assertFalse(RenewalPolicy.parse("activation").renewsWeights());
        assertTrue(RenewalPolicy.parse("Bilateral").renewsWeights());
        assertFalse(RenewalPolicy.parse("none").renewsActivations());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RenewalPolicy.parse("sometimes"));
        assertTrue(e.getMessage().contains("'sometimes'"), e.getMessage());
    }

    @Test
    void switchOffWaitsForMinEpochsAndCloseness() {
        SwitchOffRule rule = SwitchOffRule.cifar();
        // init 4, target 2: off once |avg - 2| < 0.48
        assertFalse(rule.switchesOff(2.3, 4, 2, 13), "too early");
        assertTrue(rule.switchesOff(2.3, 4, 2, 14));
        assertFalse(rule.switchesOff(2.5, 4, 2, 30), "not close enough");
        assertTrue(rule.switchesOff(4, 4, 4, 0), "init equals target: off from the start");
        assertEquals(7, SwitchOffRule.imagenet().minEpochs());
    }

    @Test
    void badGridOrPowerIsRejected() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RangeSearch(0, 2.4)).getMessage().contains("0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RangeSearch(50, -1)).getMessage().contains("-1"));
    }
}
