package io.github.abasnn.jobs;

import io.github.abasnn.renewal.RenewalPolicy;

import io.github.abasnn.results.report.StoppingReplay;
import io.github.abasnn.results.store.DeltaSessions;
import io.github.abasnn.results.store.StoreLocation;
import io.github.abasnn.results.store.StoreNames;
import io.github.abasnn.results.store.StoredTrial;
import io.github.abasnn.results.store.TableAudit;
import io.github.abasnn.distributed.DataParallel;
import io.github.abasnn.results.report.ParetoFront;
import io.github.abasnn.results.store.CommitSpool;
import io.github.abasnn.results.store.ResultStore;
import io.github.abasnn.results.store.ReadOnlySql;
import io.github.abasnn.results.store.ResultTables;
import io.github.abasnn.results.report.CatchUp;
import io.github.abasnn.results.report.SweepReport;
import io.github.abasnn.results.store.TableExport;
import io.github.abasnn.train.BadInput;
import io.github.abasnn.train.BuildInfo;
import io.github.abasnn.train.TrialStatus;
import io.github.abasnn.sweep.SweepSpec;
import io.github.abasnn.sweep.TrialConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The application's one entry point: {@code train}, {@code sweep}, {@code report}, {@code sql}, {@code export},
 * {@code score}, {@code stopping-replay}, {@code history} and {@code audit} (MainTest holds this list to picocli's).
 */
@Command(name = "aba-snn", mixinStandardHelpOptions = true, versionProvider = BuildInfo.Provider.class,
        subcommands = {Main.Train.class, Main.Sweep.class, Main.Report.class, Main.Sql.class, Main.Export.class,
                Main.Score.class, Main.StoppingReplayCommand.class, Main.History.class, Main.Audit.class},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:done", "1:an unexpected error (stack trace printed)",
                "2:bad option or input (the option, key, file or value is named)", "3:sweep: some trials failed",
                "4:sweep: some trials' rows could not be committed (kept in the spool for the next run)",
                "5:audit: rows lost or duplicated, or trials missing"},
        description = "Bit-allocation sweeps of multi-bit SNNs on Spark.")
public final class Main {

    static SparkSession session(String master, String app) {
        SparkSession.Builder b = DeltaSessions.configure(SparkSession.builder().appName(app));
        if (master != null) {
            b.master(master);
        }
        return b.getOrCreate();
    }

    /** A {@code --sweep} value, refused before anything runs unless the result store would take it. */
    static final class SweepName implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String value) {
            return StoreNames.sweep(value);
        }
    }

    /** {@code --master}, shared by every command. */
    static final class MasterOption {
        @Option(names = "--master", description = "Spark master (default: from spark-submit)")
        String master;
    }

    /** {@code --results} and {@code --master}, shared by the commands that read a result store. */
    static final class StoreOptions {
        @Option(names = "--results", required = true, description = "result store URI")
        String results;
        @CommandLine.Mixin
        MasterOption masterOption = new MasterOption();
    }

    @Command(name = "train", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class, description = {
            "Data-parallel training of one network across the executors.",
            "Trainer options (those of submit/core/train.sh) follow '--', e.g.:",
            "  train --workers 2 --results runs/results -- --network resnet20 --width 8 --epochs 2"})
    static final class Train implements Callable<Integer> {
        @CommandLine.Mixin
        MasterOption masterOption = new MasterOption();
        @Option(names = "--mode", defaultValue = "averaging",
                description = "averaging (parameter averaging, default) | sharing (gradient sharing)")
        String mode;
        @Option(names = "--workers", defaultValue = "2", description = "data partitions trained at once"
                + " (executors x cores)")
        int workers;
        @Option(names = "--averaging-frequency", defaultValue = "5",
                description = "averaging: mini-batches per worker between averagings")
        int averagingFrequency;
        @Option(names = "--sharing-threshold", defaultValue = "1e-3", description = "sharing: initial threshold")
        double sharingThreshold;
        @Option(names = "--sharing-port", defaultValue = "40123", description = "sharing: UDP port of the mesh")
        int sharingPort;
        @Option(names = "--results", description = "result store URI; the run becomes one trial of --sweep")
        String results;
        @Option(names = "--sweep", converter = SweepName.class,
                defaultValue = "train", description = "sweep name the run is filed under")
        String sweep;
        @Option(names = "--resume", description = "continue from the checkpoint in the trainer's --out")
        boolean resume;
        @Parameters(paramLabel = "TRAINER_OPTIONS", description = "trainer options, after '--'")
        List<String> trainerArgs = new java.util.ArrayList<>();

        @Override
        public Integer call() throws Exception {
            DataParallel parallel = new DataParallel(mode, workers, averagingFrequency, sharingThreshold, sharingPort);
            try (SparkSession spark = session(masterOption.master, "train")) {
                if (results != null) {
                    StoreLocation.requireShared(results, spark.sparkContext().master());
                }
                ResultStore store = results == null ? null : new ResultStore(spark, results);
                TrainJob.Outcome o = TrainJob.run(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                        trainerArgs, parallel, store, sweep, resume, Path.of("").toAbsolutePath());
                System.out.printf(Locale.ROOT, "trial %s: test accuracy %.2f%%, W/S/T %.2f/%.2f/%.2f, bit budget %.2f,"
                                + " S-ACE %.4f G%n", o.trialId(), 100 * o.result().testAccuracy(),
                        o.result().cost().weightBitsAvg(), o.result().cost().spikeBitsAvg(),
                        o.result().cost().timeStepsAvg(), o.result().cost().bitBudget(), o.result().cost().sAceG());
                o.timings().forEach(t -> System.out.println("  " + t));
                if (store != null) {
                    System.out.println("committed to " + store.base() + " as sweep " + sweep + ", trial " + o.trialId());
                }
                return 0;
            }
        }
    }

    @Command(name = "sweep", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class, description = "Run every unfinished trial of a sweep file.")
    static final class Sweep implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "sweep file (HOCON)")
        Path file;
        @CommandLine.Mixin
        MasterOption masterOption = new MasterOption();
        @Option(names = "--lease-wait", defaultValue = "0", description = "seconds to wait when another driver"
                + " runs this sweep (then refuse, naming it)")
        long leaseWait;
        @Option(names = "--concurrency", defaultValue = "0", description = "trials in flight at once (0: one per"
                + " task slot of the cluster: cores / spark.task.cpus, or executors x GPUs / task GPUs)")
        int concurrency;
        @Option(names = "--dry-run", description = "print the expanded trials (id, name, options) and run nothing")
        boolean dryRun;
        @Option(names = "--retry-failed", description = "run trials that failed in an earlier run again")
        boolean retryFailed;
        @Option(names = "--rerun-on-code-change", description = "train finished trials again when another build"
                + " (code_version) trained them; without it they are kept and the sweep says how many")
        boolean rerunOnCodeChange;
        @Option(names = "--report", defaultValue = "runs/report",
                description = "where the report goes when the sweep ends (Hadoop URI; 'none' for no report)")
        String report;

        @Override
        public Integer call() throws Exception {
            SweepSpec spec = SweepSpec.load(file); // every check before Spark starts
            if (dryRun) {
                List<TrialConfig> trials = spec.expand();
                System.out.println("sweep " + spec.name() + ": " + trials.size() + " trials, results " + spec.results());
                for (TrialConfig t : trials) {
                    System.out.println(t.id() + "  " + t.label() + "  " + t.options());
                }
                return 0;
            }
            try (SparkSession spark = session(masterOption.master, "sweep " + spec.name())) {
                StoreLocation.requireShared(spec.results(), spark.sparkContext().master());
                SweepJob.Outcome o = SweepJob.run(spark, spec, new SweepJob.Options(concurrency, retryFailed,
                        rerunOnCodeChange, java.time.Duration.ofSeconds(leaseWait), CommitSpool.defaultRoot()));
                System.out.printf(Locale.ROOT, "sweep %s: %d trials, %d already done, %d ok, %d stopped early, %d failed%n",
                        spec.name(), o.total(), o.skipped(), o.ok(), o.stopped(), o.failed());
                if (o.otherCode() > 0) {
                    System.out.printf(Locale.ROOT, "sweep %s: %d finished trials were trained by another build than"
                            + " %s; kept (--rerun-on-code-change trains them again)%n", spec.name(), o.otherCode(),
                            BuildInfo.current().describe());
                }
                if (o.recovered() > 0) {
                    System.out.printf(Locale.ROOT, "sweep %s: %d trials of an earlier run committed from the spool%n",
                            spec.name(), o.recovered());
                }
                if (o.spooled() > 0) {
                    System.out.printf(Locale.ROOT, "sweep %s: %d trials could not be committed; kept in %s, the next"
                            + " run commits them%n", spec.name(), o.spooled(), CommitSpool.of(CommitSpool.defaultRoot(),
                            spec.results(), spec.name()).dir());
                    return 4;
                }
                SweepReport r = new SweepReport(spark, new ResultStore(spark, spec.results()), spec.name());
                Report.print(r, "bit_budget");
                if (!"none".equals(report)) {
                    System.out.println("report: " + r.write(report));
                }
                return o.failed() == 0 ? 0 : 3;
            }
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class,
            description = {"Pareto fronts of accuracy against bit budget, S-ACE and energy: a rounded table per cost,"
                    + " learned against uniform per seed (dominated uniform points, hypervolumes), and CSV, PNG and"
                    + " one HTML page under --out (any Hadoop URI)."})
    static final class Report implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--sweep", converter = SweepName.class,
                required = true, description = "sweep name")
        String sweep;
        @Option(names = "--out", defaultValue = "runs/report", description = "directory (Hadoop URI) for the files")
        String out;
        @Option(names = "--renewal", description = "only the trials trained with this renewal policy (none |"
                + " activation | weight | both), as when the sweep holds a renewal measurement beside the arms compared;"
                + " default: all")
        String renewal;

        @Override
        public Integer call() throws Exception {
            RenewalPolicy policy = renewal == null ? null : RenewalPolicy.parse(renewal); // bad name: exit 2, first
            try (SparkSession spark = session(store.masterOption.master, "report " + sweep)) {
                SweepReport report = new SweepReport(spark, new ResultStore(spark, store.results), sweep, policy);
                for (String cost : List.of("bit_budget", "s_ace_g", "energy_pj")) {
                    print(report, cost);
                }
                System.out.println("report: " + report.write(out));
                return 0;
            }
        }

        /** Prints the rounded table for {@code cost} and, where both arms ran, learned against uniform per seed. */
        static List<Row> print(SweepReport report, String cost) {
            List<Row> rows = report.trials(cost);
            System.out.println("accuracy vs " + ParetoFront.COSTS.get(cost) + " (* on the front):");
            System.out.print(SweepReport.table(rows, cost));
            if (cost.equals("bit_budget")) {
                SweepReport.describePairs(SweepReport.pairs(rows)).forEach(l -> System.out.println("  " + l));
                CatchUp.all(report.pairCurves()).forEach(c -> System.out.println("  " + c.describe()));
            }
            SweepReport.describe(report.compare(rows, cost)).forEach(l -> System.out.println("  " + l));
            return rows;
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class,
            description = {"Score a dataset's test split on the executors with a trained network: a saved Pipeline or"
                    + " SnnClassificationModel, or a run directory with checkpoint.zip (a sweep's"
                    + " models/<sweep>/<trial>). Writes the predictions and class_metrics tables (replacing that"
                    + " trial's earlier rows) and prints accuracy, weighted F1 and the confusion matrix."})
    static final class Score implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--model", required = true, description = "saved model or run directory")
        String model;
        @Option(names = "--dataset", defaultValue = "fashion-mnist", description = "dataset whose test split is scored")
        String dataset;
        @Option(names = "--data-dir", description = "dataset directory, local or a Hadoop URI (default:"
                + " data/<dataset>, or the run's)")
        String dataDir;
        @Option(names = "--limit", defaultValue = "0", description = "test images (0: all)")
        int limit;
        @Option(names = "--images", description = "score image files instead (<dir>/<label>/<file>, any Hadoop URI),"
                + " read by the executors through MLlib's image data source")
        String images;
        @Option(names = "--sweep", converter = SweepName.class,
                defaultValue = "score", description = "sweep name the rows are filed under (a"
                + " kept trial's own sweep wins)")
        String sweep;

        @Override
        public Integer call() throws Exception {
            try (SparkSession spark = session(store.masterOption.master, "score")) {
                StoreLocation.requireShared(store.results, spark.sparkContext().master());
                ResultStore results = new ResultStore(spark, store.results);
                ScoreJob.Outcome o = images != null
                        ? ScoreJob.runImages(spark, model, images, results, sweep, dataDir)
                        : ScoreJob.run(spark, model, dataset, dataDir, limit, results, sweep);
                System.out.printf(Locale.ROOT, "sweep %s, trial %s: %d images, accuracy %.2f%%, weighted F1 %.4f%n",
                        o.sweep(), o.trial(), o.images(), 100 * o.accuracy(), o.weightedF1());
                System.out.println("confusion matrix (rows: label, columns: prediction):");
                System.out.println(o.confusion().toString(20, 200));
                System.out.println("tables predictions, class_metrics under " + results.base());
                return 0;
            }
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class,
            description = "A result table's commit history (Delta's DESCRIBE HISTORY): version, time, operation; a"
                    + " version or time reproduces a report later with sql --as-of.")
    static final class History implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--table", defaultValue = "trials", description = "trials | epochs | layers | layer_epochs |"
                + " predictions | class_metrics")
        String table;
        @Option(names = "--limit", defaultValue = "20", description = "newest commits shown")
        int limit;

        @Override
        public Integer call() {
            ResultTables.schema(table); // names the known tables when this one is not
            try (SparkSession spark = session(store.masterOption.master, "history")) {
                new ResultStore(spark, store.results).history(table).orderBy(
                        org.apache.spark.sql.functions.col("version").desc()).show(limit, false);
                return 0;
            }
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class,
            description = {"Check a sweep's result tables trial by trial: each trial of the sweep file committed once,"
                    + " with its epochs, layers and layer_epochs rows complete and none twice. Prints the incomplete"
                    + " trials and one summary line (retried: trials whose row came from a second or later attempt); exit 5 when anything is lost, missing or duplicated (a re-run of"
                    + " the sweep trains such trials again)."})
    static final class Audit implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "sweep file (HOCON)")
        Path file;
        @CommandLine.Mixin
        MasterOption masterOption = new MasterOption();

        @Override
        public Integer call() {
            SweepSpec spec = SweepSpec.load(file);
            try (SparkSession spark = session(masterOption.master, "audit " + spec.name())) {
                ResultStore store = new ResultStore(spark, spec.results());
                java.util.Map<String, StoredTrial> committed = SweepJob.committed(store, spec);
                java.util.Map<String, TableAudit.TrialCheck> checks =
                        new java.util.HashMap<>();
                TableAudit.of(spark, store, spec.name()).forEach(c -> checks.put(c.trialId(),
                        c));
                List<TrialConfig> trials = spec.expand();
                int missing = 0;
                int retried = 0;
                long lost = 0;
                long duplicated = 0;
                java.util.Map<TrialStatus, Integer> byStatus = new java.util.EnumMap<>(TrialStatus.class);
                for (TrialConfig t : trials) {
                    StoredTrial stored = committed.get(t.id());
                    if (stored == null) {
                        missing++;
                        lost++; // its trials row, at least
                        System.out.println("  " + t.id() + " " + t.label() + ": not committed");
                        continue;
                    }
                    var c = checks.get(stored.trialId());
                    byStatus.merge(c.status(), 1, Integer::sum);
                    retried += stored.attempt() != null && stored.attempt() > 1 ? 1 : 0;
                    lost += c.lost();
                    duplicated += c.duplicated();
                    if (!c.complete()) {
                        System.out.println("  " + stored.trialId() + " " + t.label() + ": " + c.lost()
                                + " rows lost, " + c.duplicated() + " duplicated");
                    }
                }
                System.out.printf(Locale.ROOT, "audit %s: trials %d, ok %d, stopped %d, failed %d, missing %d,"
                                + " rows lost %d, duplicated %d, retried %d%n", spec.name(), trials.size(),
                        byStatus.getOrDefault(TrialStatus.OK, 0),
                        byStatus.getOrDefault(TrialStatus.STOPPED, 0),
                        byStatus.getOrDefault(TrialStatus.FAILED, 0), missing, lost, duplicated,
                        retried);
                return missing == 0 && lost == 0 && duplicated == 0 ? 0 : 5;
            }
        }
    }

    @Command(name = "stopping-replay", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class,
            description = {"Replay a stopping rule on a sweep that ran to completion: the trial-epochs it saves and"
                    + " the hypervolume of the front it keeps against the full front's."})
    static final class StoppingReplayCommand implements Callable<Integer> {
        @CommandLine.Mixin
        StoppingReplayOptions options = new StoppingReplayOptions();

        @Override
        public Integer call() {
            try (SparkSession spark = session(options.store.masterOption.master, "stopping-replay")) {
                var curves = new ResultStore(spark, options.store.results).curvesInFinishOrder(options.sweep);
                if (curves.isEmpty()) {
                    throw new IllegalArgumentException("sweep '" + options.sweep + "' has no finished trials in "
                            + options.store.results);
                }
                for (String rule : options.rules) {
                    var parsed = io.github.abasnn.sweep.SweepSpec.stopping(
                            com.typesafe.config.ConfigFactory.parseString(rule));
                    System.out.println(StoppingReplay.replay(curves, parsed).describe()
                            + "   [" + rule + "]");
                }
                return 0;
            }
        }
    }

    static final class StoppingReplayOptions {
        @CommandLine.Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--sweep", converter = SweepName.class,
                required = true, description = "a sweep run without a stopping rule")
        String sweep;
        @Option(names = "--rule", required = true, description = "a sweep file's stopping block, e.g."
                + " 'rule = pareto, accuracy-margin = 0.01' (repeatable)")
        List<String> rules;
    }

    @Command(name = "sql", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class,
            description = "Run a read-only query over the views trials, epochs, layers, layer_epochs, predictions,"
                    + " class_metrics; print a table, CSV"
                    + " (RFC 4180 quoting) or JSON lines.")
    static final class Sql implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--format", defaultValue = "table", description = "table | csv | json")
        String format;
        @Option(names = "--as-of", description = "read the tables as they were: a version of trials (see history) or"
                + " a timestamp, e.g. 2026-12-01T17:00:00 (Delta time travel)")
        String asOf;
        @Parameters(index = "0", description = "the query")
        String query;

        @Override
        public Integer call() {
            if (!List.of("table", "csv", "json").contains(format)) {
                throw new IllegalArgumentException("--format '" + format + "' must be table, csv or json");
            }
            try (SparkSession spark = session(store.masterOption.master, "sql")) {
                new ResultStore(spark, store.results).asOf(asOf).registerViews();
                Dataset<Row> d = ReadOnlySql.query(spark, query);
                switch (format) {
                    case "csv" -> System.out.print(new String(SweepReport.csv(d.collectAsList(),
                            List.of(d.columns())), java.nio.charset.StandardCharsets.UTF_8));
                    case "json" -> d.toJSON().collectAsList().forEach(System.out::println);
                    default -> d.show(1000, false);
                }
                return 0;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, showDefaultValues = true,
            versionProvider = BuildInfo.Provider.class,
            description = "Write the tables (trials, epochs, layers, layer_epochs) as plain Parquet, JSON lines or CSV"
                    + " under --out/<table>/, for readers without Spark (the notebooks read the JSON).")
    static final class Export implements Callable<Integer> {
        @CommandLine.Mixin
        StoreOptions store = new StoreOptions();
        @Option(names = "--out", required = true, description = "directory (Hadoop URI); each table is replaced")
        String out;
        @Option(names = "--format", defaultValue = "json", description = "parquet | json | csv")
        String format;
        @Option(names = "--sweep", converter = SweepName.class,
                description = "only this sweep's rows (default: every sweep)")
        String sweep;

        @Override
        public Integer call() {
            try (SparkSession spark = session(store.masterOption.master, "export")) {
                long[] n = TableExport.write(spark, new ResultStore(spark, store.results), sweep, format, out);
                for (int i = 0; i < n.length; i++) {
                    System.out.println(ResultTables.ALL.get(i) + ": " + n[i] + " rows");
                }
                System.out.println("exported to " + out);
                return 0;
            }
        }
    }

    /**
     * The command line with its error handling: bad input this project's checks raised ({@link BadInput}) is one line
     * and exit 2, anything else a stack trace and exit 1.
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (BadInput.raisedByProject(e)) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
