package io.github.abasnn.results.store;

/** Where a result store may live: a location every executor can reach. */
public final class StoreLocation {
    private StoreLocation() {}

    /**
     * Fails naming the URI when executors on other machines could not share it: on a cluster master (anything but
     * {@code local[...]}) a scheme-less or {@code file:} results location is each executor's own disk, where staged
     * rows and checkpoints would vanish. {@code -Dabasnn.sharedFileUri=true} accepts it (an NFS mount on every node).
     */
    public static void requireShared(String results, String master) {
        if (master == null || master.startsWith("local") || Boolean.getBoolean("abasnn.sharedFileUri")) {
            return;
        }
        String scheme = java.net.URI.create(results.replace(" ", "%20")).getScheme();
        if (scheme == null || scheme.equals("file")) {
            throw new IllegalArgumentException("results location '" + results + "' is a local path, but master '"
                    + master + "' runs executors elsewhere: use a shared file system URI (hdfs://, s3a://, ...), or"
                    + " -Dabasnn.sharedFileUri=true when it is a mount every node shares");
        }
    }
}
