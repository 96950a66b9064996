package io.cryptopipe.app.cli;

import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline in this process.",
                "Starts a Kafka broker (KRaft), Kafka Connect with the warehouse sink, ingest from the exchange (or the",
                "built-in simulator), dbt on a schedule, and the HTTP API. Ctrl-C stops everything cleanly."})
public final class UpCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(UpCommand.class);
    private static final Duration WAREHOUSE_PATIENCE = Duration.ofSeconds(15);

    @Mixin
    PipelineAddressOptions address;

    @Option(names = "--source", defaultValue = "binance",
            description = "Where trades come from: binance (live, default) or sim (the built-in exchange simulator, no network needed).")
    String source;

    @Option(names = "--symbols", defaultValue = SymbolsOption.DEFAULT,
            description = "Comma-separated symbols: Binance's as they are (BTCUSDT), other venues' as exchange:SYMBOL (coinbase:BTC-USD); or all / all:<QUOTE> (e.g. all:USDT) for every symbol Binance lists as TRADING, followed while running (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka broker port (default: ${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--connect-port", defaultValue = "8083", description = "Kafka Connect REST port (default: ${DEFAULT-VALUE}).")
    int connectPort;

    @Option(names = "--schedule", defaultValue = "* * * * *", description = "Cron schedule of the dbt run (default: every minute).")
    String schedule;

    @Option(names = "--topic", defaultValue = "stock_trades", description = "Kafka topic of normalised trades (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--binance-ws-url", defaultValue = "wss://stream.binance.com:9443",
            description = "Binance WebSocket base URL (default: ${DEFAULT-VALUE}; Binance.US: wss://stream.binance.us:9443).")
    URI binanceWsUrl;

    @Option(names = "--binance-rest-url", defaultValue = "https://api.binance.com",
            description = "Binance REST base URL (default: ${DEFAULT-VALUE}; Binance.US: https://api.binance.us).")
    URI binanceRestUrl;

    @Option(names = "--project-dir", description = "The dbt project to run (default: the warehouse/ folder of this installation).")
    Path projectDir;

    @Option(names = "--warehouse-memory", defaultValue = PipelineSettings.DEFAULT_WAREHOUSE_MEMORY,
            description = "Memory the embedded DuckDB warehouse may use for its cache and queries, e.g. 448MB or 2GB; beyond it DuckDB evicts cached blocks and spills to disk; it gets one thread per 224MB, up to one per core (default: ${DEFAULT-VALUE}).")
    String warehouseMemory;

    @Mixin
    WsConnectionsOption wsConnections;

    @Mixin
    ServingOptions serving;

    @Mixin
    RetentionOptions retention;

    @Mixin
    RefreshIntervalOption refreshInterval;

    @Mixin
    VenueUrlsOption venueUrls;

    @Option(names = "--sim-rate", defaultValue = "20", description = "With --source sim: trades per second over all symbols (default: ${DEFAULT-VALUE}).")
    double simRate;

    @Option(names = "--sim-seed", description = "With --source sim: random seed; the same seed replays the same trades (default: the clock, so a restart brings new trades).")
    Long simSeed;

    @Override
    public Integer call() throws InterruptedException {
        PipelineSettings settings = settings();
        requirePasswordBeyondLoopback(settings);
        try (PipelineLockFile ignored = PipelineLockFile.acquire(settings.dataDir()).orElseThrow(() -> new UserError(
                "another `cryptopipe up` uses --data-dir " + settings.dataDir() + " (it holds " + PipelineLockFile.NAME
                        + "): stop it, or give this one its own --data-dir"))) {
            return run(settings);
        }
    }

    private Integer run(PipelineSettings settings) throws InterruptedException {
        requirePortsFree(settings);
        // Checked while the broker starts: after a crash both recover (DuckDB its write-ahead log, Kafka its log and
        // registration), and neither needs the other.
        CompletableFuture<Void> warehouseChecked = CompletableFuture.runAsync(
                () -> requireWarehouseUnlocked(WarehouseFile.in(settings.dataDir())));

        EmbeddedPipeline pipeline = new EmbeddedPipeline(settings, () -> awaitCheck(warehouseChecked));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdownHook = new Thread(() -> {
            log.info("Stopping cryptopipe ...");
            pipeline.close();
            log.info("Stopped cleanly.");
            stopped.countDown();
        }, "cryptopipe-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);

        pipeline.start();
        log.info("cryptopipe is up: data in {}. Press Ctrl-C to stop.", settings.dataDir());
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            String fatal = FatalIngestError.of(pipeline.ingest().status());
            String invalidated = pipeline.warehouseInvalidation();
            if (invalidated != null) {
                fatal = "DuckDB gave up on the warehouse " + WarehouseFile.in(settings.dataDir()).path() + " (" + invalidated
                        + "). Start `./cryptopipe up` again: the sink resumes from the offsets stored with its rows, so"
                        + " no trade is lost or loaded twice.";
            }
            if (fatal != null) {
                log.error(fatal);
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
                pipeline.close();
                return ExitCodes.WORK_FAILED;
            }
        }
        return ExitCodes.OK;
    }

    private PipelineSettings settings() {
        PipelineSettings.Source sourceKind = switch (source.toLowerCase(Locale.ROOT)) {
            case "binance" -> PipelineSettings.Source.BINANCE;
            case "sim" -> PipelineSettings.Source.SIM;
            default -> throw new UserError("--source must be binance or sim, got '" + source + "'"
                    + (source.startsWith("replay:") ? " (file replay is not available yet)" : ""));
        };
        if (simRate <= 0) {
            throw new UserError("--sim-rate must be > 0 trades per second, got " + simRate);
        }
        int connections = wsConnections.value();
        java.time.Duration refresh = refreshInterval.value();
        if (!PipelineSettings.isMemorySize(warehouseMemory)) {
            throw new UserError("--warehouse-memory must be a size such as 256MB or 2GB, got '" + warehouseMemory + "'");
        }
        CronSchedule cron;
        try {
            cron = CronSchedule.parse(schedule);
        } catch (IllegalArgumentException e) {
            throw new UserError("--schedule: " + e.getMessage());
        }
        return new PipelineSettings(address.dataDir(), address.bindHost(),
                PortOption.check("--kafka-port", kafkaPort), PortOption.check("--connect-port", connectPort),
                address.httpPort(), sourceKind, symbols(sourceKind),
                requireScheme("--binance-ws-url", binanceWsUrl, "ws", "wss"),
                requireScheme("--binance-rest-url", binanceRestUrl, "http", "https"),
                topic, cron, ProjectDirs.resolve(projectDir),
                new PipelineSettings.SimSettings(0, simRate, simSeed == null ? System.currentTimeMillis() : simSeed, 0),
                SymbolDiscovery.isSelector(symbols) ? Optional.of(symbols.strip()) : Optional.empty(), warehouseMemory,
                connections, serving.settings(System.getenv()), retention.settings(), refresh, venueUrls.urls());
    }

    private List<String> symbols(PipelineSettings.Source sourceKind) {
        if (sourceKind == PipelineSettings.Source.SIM && SymbolDiscovery.isSelector(symbols)) {
            throw new UserError("--symbols " + symbols + " lists the exchange's symbols: it needs --source binance"
                    + " (the simulator streams the symbols you name, e.g. --symbols " + SymbolsOption.DEFAULT + ")");
        }
        return SymbolsOption.resolve(symbols, requireScheme("--binance-rest-url", binanceRestUrl, "http", "https"));
    }

    private static URI requireScheme(String option, URI uri, String... schemes) {
        for (String scheme : schemes) {
            if (scheme.equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) {
                return uri;
            }
        }
        throw new UserError(option + " must be a " + String.join(" or ", schemes) + " URL with a host, got '" + uri + "'");
    }

    /** Beyond loopback anyone on the network could read and run everything the UI and API offer. */
    private static void requirePasswordBeyondLoopback(PipelineSettings settings) {
        InetAddress bound;
        try {
            bound = InetAddress.getByName(settings.bindHost());
        } catch (UnknownHostException e) {
            throw new UserError("--bind " + settings.bindHost() + " is not an address of this machine: pass one, e.g. 127.0.0.1");
        }
        if (!bound.isLoopbackAddress() && settings.serving().password().isEmpty()) {
            throw new UserError("--bind " + settings.bindHost() + " serves the UI and API beyond this machine, so it needs a password:"
                    + " set " + ServingSettings.PASSWORD_VARIABLE + ", or bind 127.0.0.1");
        }
    }

    private static void requirePortsFree(PipelineSettings settings) {
        String host = settings.bindHost();
        PortOption.requireFree(host, settings.httpPort(), "HTTP API", "--http-port");
        PortOption.requireFree(EmbeddedPipeline.INTERNAL_HOST, settings.kafkaPort(), "Kafka", "--kafka-port");
        PortOption.requireFree(EmbeddedPipeline.INTERNAL_HOST, settings.connectPort(), "Kafka Connect REST", "--connect-port");
        settings.serving().pgPort().ifPresent(port -> PortOption.requireFree(host, port, "PostgreSQL endpoint", "--pg-port"));
    }

    /** Waits for the warehouse check, and throws what it threw (a {@link UserError} naming the cause) as it was. */
    private static void awaitCheck(CompletableFuture<Void> check) {
        try {
            check.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void requireWarehouseUnlocked(WarehouseFile warehouse) {
        try {
            java.nio.file.Files.createDirectories(warehouse.path().getParent());
        } catch (java.io.IOException e) {
            throw new UserError("cannot create the data directory " + warehouse.path().getParent() + ": " + e.getMessage());
        }
        long walBytes = warehouse.writeAheadLogBytes();
        if (walBytes > 0) {
            log.info("The warehouse was not closed cleanly last time: DuckDB replays its write-ahead log ({} MB) ...",
                    Math.max(1, walBytes / (1024 * 1024)));
        }
        // Opening is the check: DuckDB refuses a file another process holds, such as a `sql` that started first.
        try (Connection ignored = warehouse.openWhenFree(false, WAREHOUSE_PATIENCE, holder -> log.info(
                "The warehouse file {} is open in {} (a `cryptopipe sql`?): waiting up to {} s for it ...",
                warehouse.path(), holder, WAREHOUSE_PATIENCE.toSeconds()))) {
            // open and closed again: the pipeline opens it for good once its broker and worker are up
        } catch (SQLException e) {
            throw new UserError("cannot close the warehouse " + warehouse.path() + ": " + e.getMessage());
        }
    }
}
