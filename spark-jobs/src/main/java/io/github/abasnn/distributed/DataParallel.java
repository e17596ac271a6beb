package io.github.abasnn.distributed;

import java.io.Serializable;
import java.util.Locale;

/**
 * How the {@code train} job spreads one network over the executors.
 *
 * @param mode               {@code averaging} (one barrier stage per epoch whose workers average every parameter,
 *                           the renewal state included, through the driver's hub: {@link AveragingHub}) or
 *                           {@code sharing}
 *                           (SharedTrainingMaster: threshold-encoded gradient sharing over Aeron)
 * @param workers            data partitions trained at once (executors x cores)
 * @param averagingFrequency averaging: mini-batches each worker fits between two averagings
 * @param sharingThreshold   sharing: initial update threshold of the encoder
 * @param sharingPort        sharing: UDP port of the parameter-server mesh
 */
public record DataParallel(String mode, int workers, int averagingFrequency, double sharingThreshold,
                           int sharingPort) implements Serializable {

    public static final String AVERAGING = "averaging";
    public static final String SHARING = "sharing";

    public DataParallel {
        mode = mode.toLowerCase(Locale.ROOT);
        if (!mode.equals(AVERAGING) && !mode.equals(SHARING)) {
            throw new IllegalArgumentException("--mode '" + mode + "' must be averaging or sharing");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1, got " + workers);
        }
        if (averagingFrequency < 1) {
            throw new IllegalArgumentException("--averaging-frequency must be >= 1, got " + averagingFrequency);
        }
        if (!(sharingThreshold > 0)) {
            throw new IllegalArgumentException("--sharing-threshold must be > 0, got " + sharingThreshold);
        }
    }

    public boolean averaging() {
        return mode.equals(AVERAGING);
    }
}
