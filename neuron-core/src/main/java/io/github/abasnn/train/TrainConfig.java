package io.github.abasnn.train;

import io.github.abasnn.loss.BitPenalties;
import io.github.abasnn.loss.BitTargets;
import io.github.abasnn.loss.CostTarget;
import io.github.abasnn.quant.Firing;
import io.github.abasnn.quant.StepGradient;
import io.github.abasnn.renewal.RenewalPolicy;
import java.nio.file.Path;

/**
 * Everything a training run depends on. The defaults are the paper's CIFAR recipe (method.md §7) except where a
 * field says otherwise; {@link #validate()} names the first bad field.
 *
 * @param penaltyScale multiplies the bit-loss penalties; short runs need it (or larger bit/T learning rates)
 *                     because a few hundred steps cannot carry a bit width across a rounding boundary at the
 *                     paper's penalties, which were tuned for ~78,000 steps
 * @param uniform      uniform-quantization baseline: bits and T fixed at their init values, no bit loss
 * @param trainLimit   use only the first n training images (0: all)
 * @param testLimit    evaluate on the first n test images (0: all)
 * @param frames       event datasets: number of frames T (the networks run T steps); ignored for images
 * @param frameSplit   event datasets: {@code time} or {@code number} (equal durations or equal event counts)
 * @param eventPool    event datasets: sum-pool the sensor by this factor (1: full resolution)
 * @param calibrationBatches training batches run forward at each epoch end to catch renewal up and re-estimate the
 *                     batch-norm statistics before evaluation ({@link Recalibration}; 0: off)
 * @param stepGradient how every layer's weight step-size gradient is scaled ({@link StepGradient}: the release's
 *                     rule or canonical LSQ; null reads as the default, {@link #DEFAULT_STEP_GRADIENT})
 * @param fixedBitsEpochs final epochs in which bit widths and T stop learning (their rate drops to 0) while weights
 *                     and step sizes train on at the allocation reached, so that no rounding boundary is crossed after
 *                     the last weights adapted to it; beyond the paper (0: its recipe)
 * @param costTarget   an S-ACE or energy budget trained towards instead of the W/S/T {@code targets} (null: those)
 * @param costPenalty  the cost penalty's weight before {@code penaltyScale}
 * @param stepLr       learning rate of the step sizes (weight and spike); negative: {@code bitLr}, the paper's
 *                     shared group. Trained from scratch at 1-2 bits, the classifier's weight step at the paper's
 *                     rate is driven through zero by the first uninformed gradients and the network sits at chance
 *                     for most of a short run (docs/training.md, "Healthy baselines")
 */
public record TrainConfig(String network, int width, String dataset, Path dataDir, int initWeightBits,
                          int initSpikeBits, int initTimeSteps, BitTargets targets, BitPenalties penalties,
                          double penaltyScale, boolean uniform, int epochs, int batch, double lr, double bitLr,
                          double timeLr, double momentum, double weightDecay, RenewalPolicy renewal, Firing firing,
                          double tau, int minEpochsBeforeSwitchOff, boolean augment, int trainLimit, int testLimit,
                          long seed, Path outDir, int frames, String frameSplit, int eventPool,
                          int calibrationBatches, StepGradient stepGradient, int fixedBitsEpochs,
                          double stepLr, CostTarget costTarget, double costPenalty) {

    public TrainConfig {
        stepGradient = stepGradient == null ? DEFAULT_STEP_GRADIENT : stepGradient; // runs written before it existed
    }

    /** The step-gradient rule chosen by measurement (docs/training.md, "Step-size gradient"). */
    public static final StepGradient DEFAULT_STEP_GRADIENT = StepGradient.LSQ;

    /** Enough batches for stable batch-norm estimates, a few seconds of forwards. */
    public static final int DEFAULT_CALIBRATION_BATCHES = 20;

    public TrainConfig validate() {
        require(width >= 1, "width", width);
        require(initWeightBits >= 1 && initWeightBits <= 8, "init weight bits", initWeightBits);
        require(initSpikeBits >= 1 && initSpikeBits <= 8, "init spike bits", initSpikeBits);
        require(initTimeSteps >= 1 && initTimeSteps <= 8, "init T", initTimeSteps);
        require(epochs >= 1, "epochs", epochs);
        require(batch >= 1, "batch", batch);
        require(lr > 0, "lr", lr);
        require(bitLr >= 0, "bit lr", bitLr);
        require(timeLr >= 0, "T lr", timeLr);
        require(momentum >= 0 && momentum < 1, "momentum", momentum);
        require(weightDecay >= 0, "weight decay", weightDecay);
        require(penaltyScale >= 0, "penalty scale", penaltyScale);
        require(tau >= 1, "tau", tau);
        require(trainLimit >= 0, "train limit", trainLimit);
        require(testLimit >= 0, "test limit", testLimit);
        require(frames >= 1 && frames <= 64, "frames", frames);
        require(eventPool >= 1, "event pool", eventPool);
        require(calibrationBatches >= 0, "calibration batches", calibrationBatches);
        require(fixedBitsEpochs >= 0 && fixedBitsEpochs < epochs, "fixed-bits epochs (at most epochs - 1)",
                fixedBitsEpochs);
        require("time".equalsIgnoreCase(frameSplit) || "number".equalsIgnoreCase(frameSplit), "frame split",
                frameSplit);
        if (!uniform && costTarget == null) {
            targets.checkReachable(initWeightBits + 2, initSpikeBits + 2, initTimeSteps + 1);
        }
        return this;
    }

    /** The same run with defaults for the event options (static images). */
    public static TrainConfig images(String network, int width, String dataset, Path dataDir, int initWeightBits,
                                     int initSpikeBits, int initTimeSteps, BitTargets targets, BitPenalties penalties,
                                     double penaltyScale, boolean uniform, int epochs, int batch, double lr,
                                     double bitLr, double timeLr, double momentum, double weightDecay,
                                     RenewalPolicy renewal, Firing firing, double tau, int minEpochs, boolean augment,
                                     int trainLimit, int testLimit, long seed, Path outDir) {
        return new TrainConfig(network, width, dataset, dataDir, initWeightBits, initSpikeBits, initTimeSteps, targets,
                penalties, penaltyScale, uniform, epochs, batch, lr, bitLr, timeLr, momentum, weightDecay, renewal,
                firing, tau, minEpochs, augment, trainLimit, testLimit, seed, outDir, 10, "number", 1, DEFAULT_CALIBRATION_BATCHES,
                DEFAULT_STEP_GRADIENT, 0, -1, null, DEFAULT_COST_PENALTY);
    }

    /** Weight of a cost target's penalty before the penalty scale (the paper's low-target bit-loss weight). */
    public static final double DEFAULT_COST_PENALTY = 0.04;

    /** The same configuration with a cost target (S-ACE or energy) in place of the W/S/T target. */
    public TrainConfig withCostTarget(CostTarget target) {
        return new TrainConfig(network, width, dataset, dataDir, initWeightBits, initSpikeBits, initTimeSteps, targets,
                penalties, penaltyScale, uniform, epochs, batch, lr, bitLr, timeLr, momentum, weightDecay, renewal,
                firing, tau, minEpochsBeforeSwitchOff, augment, trainLimit, testLimit, seed, outDir, frames, frameSplit,
                eventPool, calibrationBatches, stepGradient, fixedBitsEpochs, stepLr, target, costPenalty);
    }

    /** The first iteration at which bit widths and T stop learning ({@link #fixedBitsEpochs}). */
    public int bitFreezeIteration(int batchesPerEpoch) {
        return (epochs - fixedBitsEpochs) * batchesPerEpoch;
    }

    /** The step sizes' learning rate in force: {@link #stepLr}, or {@link #bitLr} when that is negative. */
    public double effectiveStepLr() {
        return stepLr < 0 ? bitLr : stepLr;
    }

    /** The penalties actually used: the given ones, or the paper's defaults for the targets, times the scale. */
    public BitPenalties effectivePenalties() {
        BitPenalties base = penalties != null ? penalties : BitPenalties.defaultsFor(targets);
        return base.scaled(penaltyScale);
    }

    private static void require(boolean ok, String name, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("training option " + name + " = " + value + " is not allowed");
        }
    }
}
