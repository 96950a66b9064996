package io.cryptopipe.bench;

import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.cli.DurationOption;
import io.cryptopipe.app.cli.UserError;
import io.cryptopipe.app.runtime.RetentionSettings;
import io.cryptopipe.bench.e2e.EndToEndBenchmark;
import io.cryptopipe.bench.soak.SoakBenchmark;
import io.cryptopipe.bench.ingest.IngestThroughputBenchmark;
import io.cryptopipe.bench.recovery.RecoveryBenchmark;
import io.cryptopipe.bench.pg.PgDashboardBenchmark;
import io.cryptopipe.bench.pg.PgReadBenchmark;
import io.cryptopipe.bench.sink.SinkLoadBenchmark;
import io.cryptopipe.bench.transform.TransformBuildBenchmark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./cryptopipe bench <name>}: the benchmarks, each printing its figures, ratios and the command to rerun it. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Run a benchmark and print its figures, with ratios to a reference measured in the same run.",
                "Figures depend on what else the machine is doing: each prints the load average it saw."},
        subcommands = {BenchCommand.Ingest.class, BenchCommand.Sink.class, BenchCommand.Transform.class,
                BenchCommand.EndToEnd.class, BenchCommand.Recovery.class, BenchCommand.Pg.class, BenchCommand.Soak.class})
public final class BenchCommand implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new BenchCommand()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        new CommandLine(this).usage(System.out);
        return 2;
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true,
            description = "Frames parsed, sequenced and published to an embedded broker, vs Kafka's ProducerPerformance.")
    static final class Ingest implements Callable<Integer> {
        @Option(names = "--trades", defaultValue = "1000000", description = "Trades to publish (default ${DEFAULT-VALUE}).")
        int trades;

        @Override
        public Integer call() throws Exception {
            IngestThroughputBenchmark.main(new String[]{Integer.toString(trades)});
            return 0;
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true,
            description = "Topic to committed warehouse rows through the Connect sink, vs DuckDB's appender alone; "
                    + "latency at a steady 10k records/s.")
    static final class Sink implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000", description = "Rows for the throughput run (default ${DEFAULT-VALUE}).")
        int rows;

        @Option(names = "--duration", defaultValue = "20", description = "Seconds of each steady 10k/s run (default ${DEFAULT-VALUE}).")
        int duration;

        @Override
        public Integer call() throws Exception {
            SinkLoadBenchmark.main(new String[]{Integer.toString(rows), Integer.toString(duration)});
            return 0;
        }
    }

    @Command(name = "transform", mixinStandardHelpOptions = true,
            description = {"The warehouse/ project: full build over a large raw table, then the incremental minute's work"
                    + " (snapshot, run, and the tests of the rows after the last passing test run, as up's DAG runs them).",
                    "A history larger than --built is made affordable without generating and parsing all its JSON: the"
                    + " first --built trades are generated and fully built, then silver is extended to --history trades"
                    + " by copies of its rows moved by whole blocks (trade ids, times, Kafka offsets and raw row"
                    + " positions shifted; price, quantity and side computed as the generator's), exactly the rows silver"
                    + " would hold for those trades (checked against the last block's raw rows read through bronze);"
                    + " facts, candles and traded tickers are built from them by the models; raw holds the built block's"
                    + " and the last block's rows, with NULL placeholders between them holding the positions of rows"
                    + " --raw-retention would have deleted;"
                    + " and every data test must pass over the result before the minute is timed."})
    static final class Transform implements Callable<Integer> {
        @Option(names = "--history", defaultValue = "10000000", description = "Trades of history before the minute (default ${DEFAULT-VALUE}).")
        long history;

        @Option(names = "--built", description = "Of the history, the trades generated as raw JSON and fully built;"
                + " the rest is made from them (a multiple of 1000 that divides --history; default: all of it).")
        Long built;

        @Option(names = "--fresh", defaultValue = "1000000", description = "New raw trades before the incremental build (default ${DEFAULT-VALUE}).")
        long fresh;

        @Mixin
        ProjectDirOption project;

        @Option(names = "--warehouse-memory", description = "Bound DuckDB as up --warehouse-memory does (its memory_limit,"
                + " and one thread per 224MB), e.g. 448MB, up's default (default: DuckDB's own defaults).")
        String warehouseMemory;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (warehouseMemory != null) {
                requireMemorySize(spec, warehouseMemory);
            }
            long builtRows = built == null ? history : built;
            try {
                TransformBuildBenchmark.requireInflatable(history, builtRows);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--built: " + e.getMessage());
            }
            TransformBuildBenchmark.runAndPrint(history, builtRows, fresh, project.resolve(),
                    warehouseMemory == null ? null : warehouseMemory.strip());
            return 0;
        }
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true,
            description = {"The whole embedded pipeline: simulator -> WebSocket -> ingest -> Kafka -> Connect sink -> DuckDB"
                    + " -> silver, with trades/s, latency, CPU and peak RSS, vs Kafka's producer and consumer perf tools."})
    static final class EndToEnd implements Callable<Integer> {
        @Option(names = "--duration", defaultValue = "30", description = "Seconds measured after the warm-up (default ${DEFAULT-VALUE}).")
        int duration;

        @Option(names = "--ramp-up", defaultValue = "20", paramLabel = "SECONDS",
                description = "The simulator's rate climbs from 0 to --rate over this long, and the window opens 5 s after"
                        + " (0: full rate from the first trade, a cold JVM included; default ${DEFAULT-VALUE}).")
        int rampUp;

        @Option(names = "--rate", defaultValue = "100000", description = "Trades/s the simulator offers, over all symbols (default ${DEFAULT-VALUE}, the goal).")
        double rate;

        @Option(names = "--symbols", defaultValue = "50", description = "Symbols streamed (default ${DEFAULT-VALUE}).")
        int symbols;

        @Option(names = "--perf-records", defaultValue = "1000000", description = "Records for Kafka's perf tools (default ${DEFAULT-VALUE}).")
        int perfRecords;

        @Mixin
        ProjectDirOption project;

        @Option(names = "--warehouse-memory", defaultValue = PipelineSettings.DEFAULT_WAREHOUSE_MEMORY,
                description = "DuckDB's memory bound, as up --warehouse-memory (default ${DEFAULT-VALUE}, up's).")
        String warehouseMemory;

        @Option(names = "--refresh-interval-ms", defaultValue = "2000", paramLabel = "MS",
                description = "The gold refresh between the DAG runs, as up --refresh-interval, in ms; 0 for the DAG runs only (default ${DEFAULT-VALUE}, up's).")
        long refreshIntervalMs;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            requireMemorySize(spec, warehouseMemory);
            if (rampUp < 0) {
                throw new ParameterException(spec.commandLine(), "--ramp-up must not be negative, got " + rampUp);
            }
            if (refreshIntervalMs < 0) {
                throw new ParameterException(spec.commandLine(), "--refresh-interval-ms must not be negative, got " + refreshIntervalMs);
            }
            EndToEndBenchmark.Figures f = new EndToEndBenchmark(new EndToEndBenchmark.Options(duration, rate, symbols,
                    project.resolve(), perfRecords, warehouseMemory.strip(), rampUp, java.time.Duration.ofMillis(refreshIntervalMs)),
                    System.out::println).run();
            EndToEndReport.print(f, this);
            return 0;
        }
    }

    @Command(name = "recovery", mixinStandardHelpOptions = true,
            description = {"./cryptopipe up --source sim in a child JVM on one data directory: seconds from its start to the"
                    + " first new raw row after a clean stop and after kill -9, side by side, in rounds."})
    static final class Recovery implements Callable<Integer> {
        @Option(names = "--rounds", defaultValue = "3", description = "Rounds of clean start, kill -9, restart (default ${DEFAULT-VALUE}).")
        int rounds;

        @Option(names = "--stream", defaultValue = "20", paramLabel = "SECONDS",
                description = "Seconds each start streams after its first new row before it is stopped or killed (default ${DEFAULT-VALUE}).")
        int streamSeconds;

        @Option(names = "--rate", defaultValue = "20", description = "Trades/s the simulator offers, as up --sim-rate (default ${DEFAULT-VALUE}, up's).")
        double rate;

        @Mixin
        ProjectDirOption project;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (rounds < 1 || streamSeconds < 0 || rate <= 0) {
                throw new ParameterException(spec.commandLine(), "--rounds must be >= 1, --stream >= 0 and --rate > 0");
            }
            new RecoveryBenchmark(new RecoveryBenchmark.Options(rounds, streamSeconds, rate, project.resolve()),
                    System.out::println).run();
            System.out.println(rerun("recovery --rounds " + rounds + " --stream " + streamSeconds + " --rate " + rate));
            return 0;
        }
    }

    @Command(name = "pg", mixinStandardHelpOptions = true,
            description = {"select * from consumption_trades through pgjdbc over the PostgreSQL endpoint (text and binary),"
                    + " vs the same query through DuckDB's JDBC driver in process.",
                    "With --dashboards: clients each running a candles query every second while the pipeline loads trades."})
    static final class Pg implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "1000000", description = "Rows in consumption_trades (default ${DEFAULT-VALUE}).")
        long rows;

        @Option(names = "--dashboards", description = "Run the dashboards-beside-the-sink benchmark instead.")
        boolean dashboards;

        @Option(names = "--rate", defaultValue = "10000", description = "With --dashboards: trades/s loaded (default ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--clients", defaultValue = "8", description = "With --dashboards: pgjdbc clients (default ${DEFAULT-VALUE}).")
        int clients;

        @Option(names = "--duration", defaultValue = "60", description = "With --dashboards: seconds measured (default ${DEFAULT-VALUE}).")
        int duration;

        @Mixin
        ProjectDirOption project;

        @Override
        public Integer call() throws Exception {
            if (dashboards) {
                PgDashboardBenchmark.main(new String[]{Double.toString(rate), Integer.toString(clients),
                        Integer.toString(duration), project.resolve().toString()});
            } else {
                PgReadBenchmark.main(new String[]{Long.toString(rows)});
            }
            return 0;
        }
    }

    @Command(name = "soak", mixinStandardHelpOptions = true,
            description = {"up for a long time with short retentions: every minute RSS, data dir size, DAG run time and"
                    + " sink lag, written as CSV and drawn as a PNG chart (flat after the first retention period is the goal)."})
    static final class Soak implements Callable<Integer> {
        @Option(names = "--duration", defaultValue = "2h", description = "How long, e.g. 15m or 2h (default ${DEFAULT-VALUE}).")
        String duration;

        @Option(names = "--rate", defaultValue = "5000", description = "Trades/s the simulator offers (default ${DEFAULT-VALUE}).")
        double rate;

        @Option(names = "--symbols", defaultValue = "10", description = "Symbols streamed, at most 10 (default ${DEFAULT-VALUE}).")
        int symbols;

        @Option(names = "--raw-retention", defaultValue = "10m", description = "As up --raw-retention (default ${DEFAULT-VALUE}).")
        String rawRetention;

        @Option(names = "--kafka-retention", defaultValue = "10m", description = "As up --kafka-retention (default ${DEFAULT-VALUE}).")
        String kafkaRetention;

        @Option(names = "--chart", defaultValue = "docs/soak.png", description = "The PNG to draw; the CSV goes beside it (default ${DEFAULT-VALUE}).")
        Path chart;

        @Mixin
        ProjectDirOption project;

        @Option(names = "--warehouse-memory", defaultValue = PipelineSettings.DEFAULT_WAREHOUSE_MEMORY,
                description = "DuckDB's memory bound, as up --warehouse-memory (default ${DEFAULT-VALUE}, up's).")
        String warehouseMemory;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            requireMemorySize(spec, warehouseMemory);
            RetentionSettings retention = new RetentionSettings(duration(spec, "--raw-retention", rawRetention),
                    duration(spec, "--kafka-retention", kafkaRetention), 0, 0);
            new SoakBenchmark(new SoakBenchmark.Options(duration(spec, "--duration", duration), rate, symbols,
                    project.resolve(), retention, warehouseMemory.strip(), Duration.ofMinutes(1), chart),
                    System.out::println).run();
            System.out.println("chart: " + chart + "; rerun: ./cryptopipe bench soak --duration " + duration + " --rate "
                    + (long) rate + " --raw-retention " + rawRetention + " --kafka-retention " + kafkaRetention);
            return 0;
        }
    }

    /** A duration as up's flags take it: 90s, 10m, 12h, 7d; not zero. */
    private static Duration duration(CommandSpec spec, String option, String text) {
        try {
            Duration duration = DurationOption.parse(option, text);
            if (duration.isZero()) {
                throw new ParameterException(spec.commandLine(), option + " must be longer than 0, got '" + text + "'");
            }
            return duration;
        } catch (UserError e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private BenchCommand() {
    }

    /** @throws ParameterException naming --warehouse-memory when it is not a size DuckDB's memory_limit takes */
    private static void requireMemorySize(CommandSpec spec, String warehouseMemory) {
        if (!PipelineSettings.isMemorySize(warehouseMemory)) {
            throw new ParameterException(spec.commandLine(),
                    "--warehouse-memory must be a size such as 256MB or 2GB, got '" + warehouseMemory + "'");
        }
    }

    /** {@code --project-dir}: the given project, else the installation's (CRYPTOPIPE_HOME, set by the launcher) when relative. */
    static final class ProjectDirOption {
        @Spec(Spec.Target.MIXEE)
        CommandSpec command;

        @Option(names = "--project-dir", defaultValue = "warehouse", description = "The dbt project (default ${DEFAULT-VALUE}).")
        Path given;

        /** @throws ParameterException naming --project-dir when neither place holds a dbt_project.yml */
        Path resolve() {
            String home = System.getenv("CRYPTOPIPE_HOME");
            Path project = given.toAbsolutePath().normalize();
            if (!Files.isRegularFile(project.resolve("dbt_project.yml")) && !given.isAbsolute() && home != null) {
                project = Path.of(home).resolve(given).toAbsolutePath().normalize();
            }
            if (!Files.isRegularFile(project.resolve("dbt_project.yml"))) {
                throw new ParameterException(command.commandLine(), "--project-dir " + given
                        + " holds no dbt_project.yml: pass the warehouse/ folder of a cryptopipe checkout");
            }
            return project;
        }
    }

    static String rerun(String args) {
        return rerun(null, args);
    }

    /** @param javaOptions the launcher's {@code CRYPTOPIPE_JAVA_OPTS} the run had, or null */
    static String rerun(String javaOptions, String args) {
        String environment = javaOptions == null || javaOptions.isBlank() ? "" : "CRYPTOPIPE_JAVA_OPTS=\"" + javaOptions + "\" ";
        return String.format(Locale.ROOT, "rerun: %s./cryptopipe bench %s", environment, args);
    }
}
