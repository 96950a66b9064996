package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestService;
import io.cryptopipe.ingest.binance.StreamTimeUnit;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import io.cryptopipe.ingest.gap.RetrySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = {"Run the producer alone against an existing Kafka.",
                "Exchange WebSocket -> normalised trades -> Kafka topic; malformed frames go to <topic>_dlq."})
public final class IngestCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(IngestCommand.class);

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--symbols", defaultValue = SymbolsOption.DEFAULT, description = "Comma-separated symbols (Binance's bare, others' as exchange:SYMBOL such as coinbase:BTC-USD), or all, or all:<QUOTE> such as all:USDT for every TRADING symbol in exchangeInfo, followed while running: new listings are streamed, delisted symbols dropped (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--topic", defaultValue = "stock_trades", description = "Kafka topic (default: ${DEFAULT-VALUE}); dead letters go to <topic>_dlq.")
    String topic;

    @Option(names = "--binance-ws-url", defaultValue = "wss://stream.binance.com:9443", description = "WebSocket base URL (default: ${DEFAULT-VALUE}).")
    URI wsUrl;

    @Option(names = "--binance-rest-url", defaultValue = "https://api.binance.com", description = "REST base URL (default: ${DEFAULT-VALUE}).")
    URI restUrl;

    @Option(names = "--time-unit", defaultValue = "MILLISECOND", description = "Time unit Binance stamps stream times in: ${COMPLETION-CANDIDATES} (both land in the topic as microseconds; default: ${DEFAULT-VALUE}).")
    StreamTimeUnit timeUnit;

    @Option(names = "--stall-timeout", defaultValue = "30", paramLabel = "SECONDS", description = "Reopen a connection that sent no data for this long (default: ${DEFAULT-VALUE}).")
    long stallTimeoutSeconds;

    @Mixin
    WsConnectionsOption wsConnections;

    @Mixin
    VenueUrlsOption venueUrls;

    @Option(names = "--listing-refresh", defaultValue = "300", paramLabel = "SECONDS",
            description = "With --symbols all: how often exchangeInfo is checked for new listings and delistings (default: ${DEFAULT-VALUE}).")
    long listingRefreshSeconds;

    @Option(names = "--gap-retry-max", defaultValue = "180", paramLabel = "SECONDS",
            description = "Longest wait between two tries of an open gap (REST down, refused, rate limited); every gap is"
                    + " retried until filled, see ./cryptopipe gaps (default: ${DEFAULT-VALUE}).")
    long gapRetryMaxSeconds;

    @Override
    public Integer call() throws InterruptedException {
        if (stallTimeoutSeconds < 1) {
            throw new UserError("--stall-timeout must be at least 1 second, got " + stallTimeoutSeconds);
        }
        if (listingRefreshSeconds < 1) {
            throw new UserError("--listing-refresh must be at least 1 second, got " + listingRefreshSeconds);
        }
        if (gapRetryMaxSeconds < 1) {
            throw new UserError("--gap-retry-max must be at least 1 second, got " + gapRetryMaxSeconds);
        }
        IngestConfig.Builder config = IngestConfig.builder(bootstrapServers, symbolList())
                .topic(topic)
                .dlqTopic(topic + "_dlq")
                .wsBaseUrl(wsUrl)
                .restBaseUrl(restUrl)
                .timeUnit(timeUnit)
                .wsConnections(wsConnections.value())
                .stallTimeout(Duration.ofSeconds(stallTimeoutSeconds))
                .gapRetry(RetrySchedule.DEFAULT.cappedAt(Duration.ofSeconds(gapRetryMaxSeconds)));
        venueUrls.urls().forEach((exchange, urls) -> config.venueUrls(exchange, urls.wsUrl(), urls.restUrl()));
        if (SymbolDiscovery.isSelector(symbols)) {
            config.followListings(symbols.strip(), Duration.ofSeconds(listingRefreshSeconds));
        }
        IngestService ingest = new IngestService(config.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ingest.close();
            stopped.countDown();
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        ingest.start();
        log.info("Ingest streaming to {} topic {}. Press Ctrl-C to stop.", bootstrapServers, topic);
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            String fatal = FatalIngestError.of(ingest.status());
            if (fatal != null) {
                log.error(fatal);
                Runtime.getRuntime().removeShutdownHook(hook);
                ingest.close();
                return ExitCodes.WORK_FAILED;
            }
        }
        return ExitCodes.OK;
    }

    private List<String> symbolList() {
        return SymbolsOption.resolve(symbols, restUrl);
    }
}
