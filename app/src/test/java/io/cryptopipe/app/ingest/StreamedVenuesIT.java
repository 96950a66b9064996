package io.cryptopipe.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;
import io.cryptopipe.exchangesim.SimulatorConfig;
import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kraken, OKX and Bybit against the simulator speaking their protocols, with a real broker. Their ids cannot prove a
 * gap, so nothing is fetched: on a healthy feed the topic holds each trade once with its exact fields; when the
 * feed cuts connections, ingest reconnects, subscribes again and goes on streaming.
 */
class StreamedVenuesIT {
    private static final List<String> SIM_SYMBOLS = List.of("kraken:BTC/USD", "okx:BTC-USDT", "bybit:BTCUSDT");
    private static final Map<String, String[]> ASSETS = Map.of(
            "kraken:BTC/USD", new String[] {"BTC", "USD"}, "okx:BTC-USDT", new String[] {"BTC", "USDT"},
            "bybit:BTCUSDT", new String[] {"BTC", "USDT"});
    private static final long TRADES_PER_SYMBOL = 150;
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @TempDir
    static Path kafkaDir;
    private static EmbeddedKafkaBroker broker;

    private final List<AutoCloseable> running = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, kafkaDir.resolve("kafka")));
        broker.start();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void aHealthyFeedOfEachVenueLandsEachTradeOnceWithItsExactFields(TestInfo test) {
        Run run = run(test, FaultPlan.NONE);

        await().atMost(PATIENCE).until(() -> run.trades.read().size() >= SIM_SYMBOLS.size() * TRADES_PER_SYMBOL);
        List<JsonNode> values = run.trades.read();
        List<String> keys = run.trades.recordKeys();
        assertThat(values).hasSize((int) (SIM_SYMBOLS.size() * TRADES_PER_SYMBOL));
        for (String simSymbol : SIM_SYMBOLS) {
            String exchange = simSymbol.substring(0, simSymbol.indexOf(':'));
            String symbol = simSymbol.substring(simSymbol.indexOf(':') + 1);
            List<SimTrade> history = run.simulator.history(simSymbol);
            List<Integer> positions = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i).get("exchange").asText().equals(exchange)) {
                    positions.add(i);
                }
            }
            assertThat(positions).hasSameSizeAs(history);
            for (int n = 0; n < history.size(); n++) {
                SimTrade trade = history.get(n);
                JsonNode value = values.get(positions.get(n));
                assertThat(keys.get(positions.get(n))).isEqualTo(simSymbol);
                assertThat(value.get("symbol").asText()).isEqualTo(symbol);
                assertThat(value.get("trade_id").asLong()).isEqualTo(trade.id());
                assertThat(value.get("price").asText()).isEqualTo(trade.price());
                assertThat(value.get("quantity").asText()).isEqualTo(trade.quantity());
                assertThat(value.get("trade_time_us").asLong()).isEqualTo(trade.tradeTimeMs() * 1000);
                assertThat(value.get("is_buyer_maker").asBoolean()).isEqualTo(trade.buyerMaker());
                assertThat(value.get("base_asset").asText()).isEqualTo(ASSETS.get(simSymbol)[0]);
                assertThat(value.get("quote_asset").asText()).isEqualTo(ASSETS.get(simSymbol)[1]);
            }
        }
    }

    @Test
    void connectionsTheVenueClosesAreReopenedAndSubscribedAgain(TestInfo test) {
        // Each connection lasts 800 ms, 40 trades of a symbol; the market lasts 3 s. Trades made while reconnecting
        // are lost on these venues (nothing proves or fetches them), but the stream goes on after every close.
        Run run = run(test, FaultPlan.NONE.withConnectionLifetime(Duration.ofMillis(800)));

        assertThat(run.ingest.metrics().reconnects()).isGreaterThanOrEqualTo(SIM_SYMBOLS.size() * 2L);
        for (String simSymbol : SIM_SYMBOLS) {
            List<SimTrade> history = run.simulator.history(simSymbol);
            String exchange = simSymbol.substring(0, simSymbol.indexOf(':'));
            long beyondTwoConnections = history.get(0).id() + 100;
            await().atMost(PATIENCE).until(() -> run.trades.read().stream().anyMatch(
                    v -> v.get("exchange").asText().equals(exchange) && v.get("trade_id").asLong() > beyondTwoConnections));
        }
    }

    private Run run(TestInfo test, FaultPlan faults) {
        String topic = "trades_" + test.getTestMethod().orElseThrow().getName();
        ExchangeSimulator simulator = track(new ExchangeSimulator(
                new SimulatorConfig("127.0.0.1", 0, SIM_SYMBOLS, 150, topic.hashCode(), TRADES_PER_SYMBOL).withFaults(faults)));
        simulator.start();
        TopicTrades trades = track(new TopicTrades(broker.bootstrapServers(), topic));
        IngestConfig.Builder config = IngestConfig.builder(broker.bootstrapServers(), SIM_SYMBOLS)
                .topic(topic)
                .dlqTopic(topic + "_dlq");
        for (String venue : List.of("kraken", "okx", "bybit")) {
            config.venueUrls(venue, URI.create(simulator.wsBaseUri() + "/" + venue), URI.create(simulator.restBaseUri() + "/" + venue));
        }
        IngestService ingest = track(new IngestService(config.build()));
        ingest.start();
        await().atMost(PATIENCE).until(() -> simulator.subscriberCount() == SIM_SYMBOLS.size());
        simulator.startTrading();
        await().atMost(PATIENCE).until(simulator::finished);
        return new Run(simulator, ingest, trades);
    }

    private <T extends AutoCloseable> T track(T component) {
        running.add(component);
        return component;
    }

    private record Run(ExchangeSimulator simulator, IngestService ingest, TopicTrades trades) {
    }
}
