package io.github.abasnn.distributed;

import io.github.abasnn.data.Batches;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.BooleanSupplier;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.broadcast.Broadcast;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.runtime.AbstractFunction1;

/**
 * One worker's epoch of parameter averaging, run as a task of a barrier stage (Spark starts all workers together,
 * and re-runs them all if one fails): it builds its share of the epoch's batches and the network once, then
 * alternates {@code frequency} local steps with averaging every parameter and the updater state through the driver's
 * {@link AveragingHub}. The network lives for the whole epoch, so a round costs one exchange — not a Spark job plus a
 * network rebuilt from the broadcast, as in dl4j-spark's master.
 */
final class AveragingTask extends AbstractFunction1<Iterator<Integer>, Iterator<WorkerReport>>
        implements Serializable {
    private static final long serialVersionUID = 1L;

    private final Broadcast<ModelSnapshot> model;
    private final ArrayList<TrainingListener> listeners;
    private final String config;
    private final int epoch;
    private final int frequency;
    private final String hubHost;
    private final int hubPort;
    private final long token;

    /**
     * @param listeners run on the worker's network (the bit loss); serializable
     * @param config    the run's {@code TrainConfig} as JSON
     */
    AveragingTask(Broadcast<ModelSnapshot> model, List<TrainingListener> listeners, String config, int epoch,
                  int frequency, String hubHost, int hubPort, long token) {
        this.model = model;
        this.listeners = new ArrayList<>(listeners);
        this.config = config;
        this.epoch = epoch;
        this.frequency = frequency;
        this.hubHost = hubHost;
        this.hubPort = hubPort;
        this.token = token;
    }

    @Override
    public Iterator<WorkerReport> apply(Iterator<Integer> numbers) {
        BarrierTaskContext context = BarrierTaskContext.get();
        long t0 = System.nanoTime();
        Batches source = ExecutorBatches.loaded(config);
        List<DataSet> batches = new ArrayList<>();
        numbers.foreach(k -> batches.add(source.batchAt(epoch, k)));
        long t1 = System.nanoTime();
        ModelSnapshot snapshot = model.value();
        ComputationGraph net = WorkerNetworks.take(snapshot);
        net.setListeners(listeners);
        int partition = context.partitionId();
        try (Socket hub = new Socket()) {
            hub.connect(new InetSocketAddress(hubHost, hubPort), 60_000);
            hub.setSoTimeout(AveragingWire.SLICE_MS);
            hub.setTcpNoDelay(true);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(hub.getOutputStream(), 1 << 16));
            InputStream in = new BufferedInputStream(hub.getInputStream(), 1 << 16);
            BooleanSupplier killed = context::isInterrupted;
            AveragingWire.writeHello(out, new AveragingWire.Hello(token, context.stageAttemptNumber(), partition,
                    batches.size()));
            // every worker takes part in as many rounds as the one with the most batches needs
            int rounds = AveragingWire.readInt(in, killed);
            long setup = System.nanoTime() - t1;
            long fit = 0;
            long exchanged = 0;
            double lossSum = 0;
            float[] flat = null;
            int done = 0;
            for (int r = 0; r < rounds; r++) {
                long f0 = System.nanoTime();
                int to = Math.min(batches.size(), done + frequency);
                boolean trained = to > done;
                for (; done < to; done++) {
                    net.fit(batches.get(done));
                    lossSum += net.score();
                }
                long f1 = System.nanoTime();
                AveragingWire.writeVector(out, trained, ModelSnapshot.flat(net));
                flat = AveragingWire.readVector(in, -1, killed).values();
                ModelSnapshot.install(net, flat);
                fit += f1 - f0;
                exchanged += System.nanoTime() - f1;
            }
            return JavaConverters.asScalaIterator(List.of(new WorkerReport(partition, batches.size(), lossSum,
                    setup / 1e6, fit / 1e6, exchanged / 1e6, (t1 - t0) / 1e6, rounds, partition == 0 ? flat : null))
                    .iterator());
        } catch (IOException e) {
            throw new UncheckedIOException("worker " + partition + " lost the averaging hub at " + hubHost + ":"
                    + hubPort, e);
        }
    }
}
