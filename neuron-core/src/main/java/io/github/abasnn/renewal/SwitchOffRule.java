package io.github.abasnn.renewal;

/**
 * When renewal stops for one quantity (W, S or T), checked at an epoch end (method.md §4): once
 * {@code |avg - target| < 0.24 |init - target|} after at least {@code minEpochs} epochs; never on when init equals
 * the target.
 */
public record SwitchOffRule(double fraction, int minEpochs) {
    /** The paper's fraction. */
    public static final double DEFAULT_FRACTION = 0.24;
    /** CIFAR-scale minimum epochs. */
    public static final int CIFAR_MIN_EPOCHS = 14;
    /** ImageNet-scale minimum epochs. */
    public static final int IMAGENET_MIN_EPOCHS = 7;

    public SwitchOffRule {
        if (!(fraction >= 0) || !Double.isFinite(fraction)) {
            throw new IllegalArgumentException("switch-off fraction must be finite and >= 0, got " + fraction);
        }
        if (minEpochs < 0) {
            throw new IllegalArgumentException("switch-off min epochs must be >= 0, got " + minEpochs);
        }
    }

    public static SwitchOffRule cifar() {
        return new SwitchOffRule(DEFAULT_FRACTION, CIFAR_MIN_EPOCHS);
    }

    public static SwitchOffRule imagenet() {
        return new SwitchOffRule(DEFAULT_FRACTION, IMAGENET_MIN_EPOCHS);
    }

    /** Renewal is never on when the quantity starts at its target. */
    public boolean offFromStart(double init, double target) {
        return init == target;
    }

    /** Whether renewal switches off after {@code epochsRun} epochs with the current average {@code avg}. */
    public boolean switchesOff(double avg, double init, double target, int epochsRun) {
        if (offFromStart(init, target)) {
            return true;
        }
        return epochsRun >= minEpochs && Math.abs(avg - target) < fraction * Math.abs(init - target);
    }
}
