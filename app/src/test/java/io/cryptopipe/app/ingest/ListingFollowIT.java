package io.cryptopipe.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.SimulatorConfig;
import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestService;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --symbols all} follows a listing made while ingest runs: the new symbol's trades arrive from its first. */
class ListingFollowIT {
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "SOLUSDT");
    private static final long TRADES_PER_SYMBOL = 250;
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void aSymbolListedWhileRunningIsStreamedWithEveryTradeSinceItsListing() {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             ExchangeSimulator simulator = new ExchangeSimulator(new SimulatorConfig("127.0.0.1", 0, SYMBOLS, 200, 11,
                     TRADES_PER_SYMBOL).withLateListings(Map.of("SOLUSDT", Duration.ofMillis(1500))))) {
            broker.start();
            simulator.start();
            List<String> listedAtStart = new SymbolDiscovery(HttpClient.newHttpClient()).resolve(simulator.restBaseUri(), "all");
            assertThat(listedAtStart).containsExactly("BTCUSDT", "ETHUSDT");

            try (TopicTrades trades = new TopicTrades(broker.bootstrapServers(), "stock_trades");
                 IngestService ingest = new IngestService(IngestConfig.builder(broker.bootstrapServers(), listedAtStart)
                         .wsBaseUrl(simulator.wsBaseUri())
                         .restBaseUrl(simulator.restBaseUri())
                         .followListings("all", Duration.ofMillis(300))
                         .build())) {
                ingest.start();
                await().atMost(PATIENCE).until(() -> simulator.subscriberCount() > 0);
                simulator.startTrading();
                await().atMost(PATIENCE).until(simulator::finished);

                List<String> expected = new ArrayList<>();
                SYMBOLS.forEach(symbol -> simulator.history(symbol).forEach(t -> expected.add(symbol + ":" + t.id())));
                assertThat(expected).hasSize((int) (SYMBOLS.size() * TRADES_PER_SYMBOL)).contains("SOLUSDT:0");
                await().atMost(PATIENCE).until(() -> trades.tradeKeys().containsAll(expected));
                assertThat(trades.tradeKeys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }
}
