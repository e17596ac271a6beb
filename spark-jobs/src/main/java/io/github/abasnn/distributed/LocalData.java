package io.github.abasnn.distributed;

import io.github.abasnn.storage.HadoopData;
import io.github.abasnn.train.TrainConfig;

/**
 * A configuration whose dataset directory this machine can read: a remote one (HDFS, S3, ...) replaced by its local
 * copy, made once per JVM ({@link HadoopData}). The driver and each executor localize for themselves, so only the
 * URI travels.
 */
public final class LocalData {
    private LocalData() {}

    public static TrainConfig of(TrainConfig cfg) {
        return cfg.data().isRemote()
                ? cfg.withData(cfg.data().withDataDir(HadoopData.local(cfg.data().dataDir()))) : cfg;
    }
}
