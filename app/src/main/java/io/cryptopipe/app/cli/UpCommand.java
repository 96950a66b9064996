package io.cryptopipe.app.cli;

import io.cryptopipe.app.runtime.EmbeddedPipeline;
import io.cryptopipe.app.runtime.PipelineSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import io.cryptopipe.orchestrate.schedule.CronSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Run the whole pipeline in this process.",
                "Starts a Kafka broker (KRaft), Kafka Connect with the warehouse sink, ingest from the exchange (or the",
                "built-in simulator), dbt on a schedule, and the HTTP API. Ctrl-C stops everything cleanly."})
public final class UpCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(UpCommand.class);

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
    VenueUrlsOption venueUrls;

    @Option(names = "--sim-rate", defaultValue = "20", description = "With --source sim: trades per second over all symbols (default: ${DEFAULT-VALUE}).")
    double simRate;

    @Option(names = "--sim-seed", description = "With --source sim: random seed; the same seed replays the same trades (default: the clock, so a restart brings new trades).")
    Long simSeed;

    @Override
    public Integer call() throws InterruptedException {
        PipelineSettings settings = settings();
        requirePortsFree(settings);
        requireWarehouseUnlocked(WarehouseFile.in(settings.dataDir()));

        EmbeddedPipeline pipeline = new EmbeddedPipeline(settings);
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
                connections, venueUrls.urls());
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

    private static void requirePortsFree(PipelineSettings settings) {
        String host = settings.bindHost();
        PortOption.requireFree(host, settings.httpPort(), "HTTP API", "--http-port");
        PortOption.requireFree(host, settings.kafkaPort(), "Kafka", "--kafka-port");
        PortOption.requireFree(host, settings.connectPort(), "Kafka Connect REST", "--connect-port");
    }

    private static void requireWarehouseUnlocked(WarehouseFile warehouse) {
        try {
            java.nio.file.Files.createDirectories(warehouse.path().getParent());
        } catch (java.io.IOException e) {
            throw new UserError("cannot create the data directory " + warehouse.path().getParent() + ": " + e.getMessage());
        }
        try (Connection ignored = warehouse.open(false)) {
            // Opening is the check: DuckDB refuses a file another process holds.
        } catch (SQLException e) {
            throw new UserError("cannot close the warehouse " + warehouse.path() + ": " + e.getMessage());
        }
    }
}
