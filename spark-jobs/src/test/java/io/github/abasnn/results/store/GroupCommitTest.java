package io.github.abasnn.results.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    @Test
    void itemsArrivingDuringAWriteGoTogetherInTheNextGroup() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
        GroupCommit<String, String> commit = new GroupCommit<>(group -> {
            groups.add(List.copyOf(group));
            if (groups.size() == 1) {
                firstStarted.countDown();
                releaseFirst.await();
            }
            return group.stream().map(s -> s + " written").toList();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<String> a = pool.submit(() -> commit.submit("a"));
            assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
            List<Future<String>> later = new ArrayList<>();
            for (String s : List.of("b", "c", "d")) {
                later.add(pool.submit(() -> commit.submit(s)));
            }
            waitUntilWaiting(commit, 3);
            releaseFirst.countDown();
            assertEquals("a written", a.get(10, TimeUnit.SECONDS));
            for (int i = 0; i < 3; i++) {
                assertEquals(List.of("b", "c", "d").get(i) + " written", later.get(i).get(10, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, groups.size(), "one write for a, one for the three that waited: " + groups);
        assertEquals(List.of("a"), groups.get(0));
        assertEquals(List.of("b", "c", "d"), groups.get(1).stream().sorted().toList());
    }

    @Test
    void aWritersFailureReachesEveryCallerOfItsGroupAndTheNextGroupStillWrites() throws Exception {
        IllegalStateException down = new IllegalStateException("store unreachable");
        GroupCommit<String, Boolean> commit = new GroupCommit<>(group -> {
            if (group.contains("bad")) {
                throw down;
            }
            return Collections.nCopies(group.size(), true);
        });
        assertSame(down, assertThrows(IllegalStateException.class, () -> commit.submit("bad")));
        assertTrue(commit.submit("good"), "the failure did not leave the commit stuck");
    }

    @Test
    void aWriterReturningTheWrongNumberOfResultsFails() {
        GroupCommit<String, Boolean> commit = new GroupCommit<>(group -> List.of());
        assertThrows(IllegalStateException.class, () -> commit.submit("x"));
    }

    /** Polls until {@code n} callers wait behind the group under way (they are in the queue, not yet written). */
    private static void waitUntilWaiting(GroupCommit<?, ?> commit, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (commit.waiting() < n) {
            if (System.nanoTime() > deadline) {
                throw new ExecutionException("only " + commit.waiting() + " callers waiting", null);
            }
            Thread.sleep(10);
        }
    }
}
