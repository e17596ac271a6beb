package io.github.abasnn.results.store;

import io.github.abasnn.train.Checkpoints;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * A sweep trial's files on the results file system, so that they outlive the executor that trained it: the run's
 * latest checkpoints under {@code <results>/_runs/<sweep>/<trial>/} while it trains (a retried or re-run trial resumes
 * from there, exactly, through the trainer's {@code --resume}), and the trained network with its result under
 * {@code <results>/models/<sweep>/<trial>/} once it finished. Serializable: it travels to the executors with the
 * driver's Hadoop settings.
 */
public final class TrialFiles implements Serializable {
    private static final long serialVersionUID = 1L;
    /** What a finished trial keeps: the network (a checkpoint zip) and the run's result and metrics. */
    static final List<String> KEPT = List.of(Checkpoints.FILE, "result.json", "metrics.json");
    /** The attempt counter's file. */
    static final String ATTEMPTS = "attempts";

    private final String results;
    private final String sweep;
    private final Map<String, String> hadoop;
    private transient Configuration conf;

    TrialFiles(String results, String sweep, Map<String, String> hadoop) {
        this.results = results;
        this.sweep = sweep;
        this.hadoop = hadoop;
    }

    public static TrialFiles of(SparkSession spark, String results, String sweep) {
        Map<String, String> settings = new HashMap<>();
        spark.sparkContext().hadoopConfiguration().forEach(e -> settings.put(e.getKey(), e.getValue()));
        return new TrialFiles(results, sweep, settings);
    }

    public Path runDir(String trial) {
        return new Path(results + "/_runs/" + sweep + "/" + trial);
    }

    public Path modelDir(String trial) {
        return new Path(results + "/models/" + sweep + "/" + trial);
    }

    private FileSystem fs() throws IOException {
        if (conf == null) {
            conf = new Configuration(false);
            hadoop.forEach(conf::set);
        }
        return new Path(results).getFileSystem(conf);
    }

    /** Copies the trial's saved checkpoints (newest and previous) into {@code local}; whether there were any. */
    public boolean restore(String trial, java.nio.file.Path local) throws IOException {
        FileSystem fs = fs();
        boolean any = false;
        java.nio.file.Files.createDirectories(local);
        for (String name : List.of(Checkpoints.FILE, Checkpoints.PREVIOUS)) {
            Path remote = new Path(runDir(trial), name);
            if (fs.exists(remote)) {
                fs.copyToLocalFile(false, remote, new Path(local.resolve(name).toUri()), true);
                any = true;
            }
        }
        return any;
    }

    /** Saves the run's newest checkpoint (the one before it stays as the previous generation). */
    public void saveCheckpoint(String trial, java.nio.file.Path local) {
        try {
            FileSystem fs = fs();
            Path newest = new Path(runDir(trial), Checkpoints.FILE);
            if (fs.exists(newest)) {
                Path previous = new Path(runDir(trial), Checkpoints.PREVIOUS);
                fs.delete(previous, false);
                fs.rename(newest, previous);
            }
            HadoopFiles.replace(fs, newest, o -> java.nio.file.Files.copy(local.resolve(Checkpoints.FILE), o));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint of trial " + trial + " to " + runDir(trial), e);
        }
    }

    /**
     * Keeps the finished run's network and result under {@link #modelDir}. Its checkpoints stay until its rows are
     * durable ({@link #dropCheckpoints}): a driver that dies in between resumes the finished run from its last
     * checkpoint (no epoch left to train) instead of training it again.
     */
    public void keepModel(String trial, java.nio.file.Path local) throws IOException {
        FileSystem fs = fs();
        for (String name : KEPT) {
            if (java.nio.file.Files.isRegularFile(local.resolve(name))) {
                java.nio.file.Path from = local.resolve(name);
                HadoopFiles.replace(fs, new Path(modelDir(trial), name), o -> java.nio.file.Files.copy(from, o));
            }
        }
        Path counter = new Path(runDir(trial), ATTEMPTS);
        if (fs.exists(counter)) {
            Path kept = new Path(modelDir(trial), ATTEMPTS);
            fs.delete(kept, false);
            fs.rename(counter, kept);
        }
    }

    /** Drops a finished trial's checkpoints, once its rows are committed (or spooled for the next run). */
    public void dropCheckpoints(String trial) throws IOException {
        fs().delete(runDir(trial), true);
    }

    /**
     * Counts one more attempt at {@code trial} and returns its number: 1 for the first, more after a task retry, an
     * executor loss, a {@code --retry-failed} or a re-run on new code. The count lives beside the checkpoints while
     * the trial runs and beside the kept network once it finished.
     */
    public int nextAttempt(String trial) throws IOException {
        FileSystem fs = fs();
        int next = attempts(trial) + 1;
        HadoopFiles.replace(fs, new Path(runDir(trial), ATTEMPTS),
                o -> o.write(Integer.toString(next).getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return next;
    }

    /** Attempts at {@code trial} so far (0: none started). */
    public int attempts(String trial) throws IOException {
        FileSystem fs = fs();
        for (Path p : List.of(new Path(runDir(trial), ATTEMPTS), new Path(modelDir(trial), ATTEMPTS))) {
            if (fs.exists(p)) {
                try (java.io.InputStream in = fs.open(p)) {
                    String text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII).trim();
                    try {
                        return Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        return 0; // a torn counter: the attempt number restarts, nothing else depends on it
                    }
                }
            }
        }
        return 0;
    }

    /** Whether a checkpoint of {@code trial} from an interrupted attempt is waiting. */
    public boolean hasCheckpoint(String trial) throws IOException {
        FileSystem fs = fs();
        return fs.exists(new Path(runDir(trial), Checkpoints.FILE))
                || fs.exists(new Path(runDir(trial), Checkpoints.PREVIOUS));
    }
}
