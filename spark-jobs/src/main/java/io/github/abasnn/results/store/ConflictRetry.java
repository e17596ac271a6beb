package io.github.abasnn.results.store;

/** Delta's optimistic concurrency from the writer's side: a commit that lost a race is tried again. */
final class ConflictRetry {
    private ConflictRetry() {}

    /** Runs a Delta commit, again after a pause when a concurrent writer's commit conflicted with it (5 tries). */
    static void run(Runnable commit) {
        for (int attempt = 1; ; attempt++) {
            try {
                commit.run();
                return;
            } catch (RuntimeException e) {
                if (!(e instanceof io.delta.exceptions.DeltaConcurrentModificationException
                        || e instanceof org.apache.spark.sql.delta.DeltaConcurrentModificationException)
                        || attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
