package io.github.abasnn.results.store;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Group commit, as databases do it for their logs: items handed in while a group is being written wait and go
 * together in the next group, so trials finishing at about the same time share one commit per table instead of
 * queueing for one each (a Delta commit's cost hardly depends on how many rows it writes). Each caller blocks until
 * its own item is written and gets its own result or failure; the caller that finds no group under way writes the
 * next one in its own thread, so nothing runs in the background and nothing is left unwritten when callers return.
 *
 * @param <T> an item to write
 * @param <R> one item's result
 */
public final class GroupCommit<T, R> {
    /** Writes one group; returns one result per item, in the group's order. */
    @FunctionalInterface
    public interface Writer<T, R> {
        List<R> write(List<T> group) throws Exception;
    }

    private final Writer<T, R> writer;
    private final ArrayDeque<Pending<T, R>> waiting = new ArrayDeque<>();
    private boolean writing;

    public GroupCommit(Writer<T, R> writer) {
        this.writer = writer;
    }

    private static final class Pending<T, R> {
        final T item;
        boolean done;
        R result;
        Throwable failure;

        Pending(T item) {
            this.item = item;
        }
    }

    /**
     * Writes {@code item} with whatever else is waiting, or waits for the group under way and then goes with the
     * next one. Throws what the writer threw for the item's group.
     */
    public R submit(T item) throws Exception {
        Pending<T, R> mine = new Pending<>(item);
        List<Pending<T, R>> group;
        synchronized (this) {
            waiting.add(mine);
            while (!mine.done && writing) {
                wait();
            }
            if (mine.done) {
                return outcome(mine);
            }
            writing = true;
            group = new ArrayList<>(waiting);
            waiting.clear();
        }
        List<R> results = null;
        Throwable failure = null;
        try {
            List<T> items = new ArrayList<>(group.size());
            group.forEach(p -> items.add(p.item));
            results = writer.write(items);
            if (results.size() != group.size()) {
                throw new IllegalStateException("group writer returned " + results.size() + " results for "
                        + group.size() + " items");
            }
        } catch (Exception | Error e) {
            failure = e;
        } finally {
            synchronized (this) {
                for (int i = 0; i < group.size(); i++) {
                    Pending<T, R> p = group.get(i);
                    p.failure = failure;
                    p.result = failure == null ? results.get(i) : null;
                    p.done = true;
                }
                writing = false;
                notifyAll();
            }
        }
        return outcome(mine);
    }

    /** Items waiting for the next group (tests watch it). */
    public synchronized int waiting() {
        return waiting.size();
    }

    private R outcome(Pending<T, R> p) throws Exception {
        if (p.failure instanceof Exception e) {
            throw e;
        }
        if (p.failure instanceof Error e) {
            throw e;
        }
        return p.result;
    }
}
