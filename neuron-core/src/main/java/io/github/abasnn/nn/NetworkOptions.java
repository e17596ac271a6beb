package io.github.abasnn.nn;

import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.renewal.RenewalPolicy;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * What every quantized layer of a network shares: the initial allocation, what is learned, the ablation switches
 * and the three parameter groups' updaters (method.md §7).
 *
 * @param initWeightBits init W (4 in the paper)
 * @param initSpikeBits  init S (4)
 * @param initTimeSteps  init T (2 on static images)
 * @param learnBits      learn weight and spike bit widths (false: uniform quantization baseline)
 * @param learnTime      learn T
 * @param weightDecay    L2 on conv/dense weights only
 * @param frames         0 for time-free input; T for event data folded time-major into the batch
 * @param bitWidthUpdater updater of the bit widths alone (null: {@code quantUpdater}, the paper's shared group)
 * @param stepGradient   how the weight step sizes' gradients are scaled (method.md §2)
 */
public record NetworkOptions(int initWeightBits, int initSpikeBits, int initTimeSteps, boolean learnBits,
                             boolean learnTime, RenewalPolicy renewal, Firing firing, double decay,
                             IUpdater weightUpdater, IUpdater quantUpdater, IUpdater timeUpdater, double weightDecay,
                             int frames, IUpdater bitWidthUpdater, StepGradient stepGradient) {

    /** Options for time-free input. */
    public NetworkOptions(int initWeightBits, int initSpikeBits, int initTimeSteps, boolean learnBits,
                          boolean learnTime, RenewalPolicy renewal, Firing firing, double decay,
                          IUpdater weightUpdater, IUpdater quantUpdater, IUpdater timeUpdater, double weightDecay) {
        this(initWeightBits, initSpikeBits, initTimeSteps, learnBits, learnTime, renewal, firing, decay, weightUpdater,
                quantUpdater, timeUpdater, weightDecay, 0, null, StepGradient.LSQ);
    }

    /** The same options for event input of {@code t} frames. */
    public NetworkOptions withFrames(int t) {
        return new NetworkOptions(initWeightBits, initSpikeBits, initTimeSteps, learnBits, learnTime, renewal, firing,
                decay, weightUpdater, quantUpdater, timeUpdater, weightDecay, t, bitWidthUpdater, stepGradient);
    }

    /** The same options with the bit widths on their own updater. */
    public NetworkOptions withBitWidthUpdater(IUpdater u) {
        return new NetworkOptions(initWeightBits, initSpikeBits, initTimeSteps, learnBits, learnTime, renewal, firing,
                decay, weightUpdater, quantUpdater, timeUpdater, weightDecay, frames, u, stepGradient);
    }

    /** The same options with weight step gradients scaled by {@code rule}. */
    public NetworkOptions withStepGradient(StepGradient rule) {
        return new NetworkOptions(initWeightBits, initSpikeBits, initTimeSteps, learnBits, learnTime, renewal, firing,
                decay, weightUpdater, quantUpdater, timeUpdater, weightDecay, frames, bitWidthUpdater, rule);
    }

    /** Applies these options to a quantized layer builder. */
    <B extends QuantizedLayer.Builder<B>> B apply(B b) {
        return b.init(initWeightBits, initSpikeBits, initTimeSteps)
                .learn(learnBits, learnBits, learnTime)
                .renewal(renewal)
                .firing(firing)
                .decay(decay)
                .quantUpdater(quantUpdater)
                .bitWidthUpdater(bitWidthUpdater)
                .stepGradient(stepGradient)
                .timeUpdater(timeUpdater)
                .updater(weightUpdater)
                .frames(frames)
                .l2(weightDecay);
    }
}
