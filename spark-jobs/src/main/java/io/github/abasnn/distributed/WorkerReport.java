package io.github.abasnn.distributed;

import java.io.Serializable;

/**
 * What one averaging task reports at the end of its epoch: how much it trained and where its time went; the first
 * partition also hands back the averaged network ({@link ModelSnapshot#flat} layout), which every task holds alike.
 *
 * @param setupMs    building the network from the broadcast snapshot
 * @param fitMs      fitting its batches (forward, backward, update)
 * @param exchangeMs averaging with the other tasks (waiting for the slowest included)
 * @param batchesMs  building its share of the epoch's batches (data loading, not synchronisation)
 * @param rounds     averagings it took part in (the same for every task)
 */
record WorkerReport(int partition, int batches, double lossSum, double setupMs, double fitMs, double exchangeMs,
                    double batchesMs, int rounds, float[] averaged) implements Serializable {
}
