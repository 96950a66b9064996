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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feeds of the venues whose trade ids are contiguous per symbol (Coinbase, Kraken) against a simulator speaking
 * their protocols that drops, doubles and breaks frames and cuts connections, with a real broker: the topic ends up
 * holding every trade id of the simulator's history once, each with its exact price, size, microsecond time and
 * aggressor side, keyed {@code exchange:SYMBOL}. Bybit, whose REST serves only its latest trades, recovers a
 * reconnect's silence while it holds fewer trades than that.
 */
class VenueIngestFaultsIT {
    private static final String SIM_SYMBOL = "coinbase:BTC-USD";
    private static final long TRADES_PER_SYMBOL = 250;
    private static final double TRADES_PER_SECOND = 100;
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @TempDir
    static Path kafkaDir;
    private static EmbeddedKafkaBroker broker;

    private final List<AutoCloseable> running = new ArrayList<>();
    private String topic;

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

    @ParameterizedTest
    @ValueSource(strings = {"coinbase:BTC-USD", "kraken:BTC/USD"})
    void droppedTradesAreFetchedFromTheVenuesRestHistory(String market, TestInfo test) {
        Run run = run(test, List.of(market), FaultPlan.NONE.withDropEveryNth(7));

        assertTopicEqualsHistoryExactly(run, market);
        assertThat(run.ingest.metrics().tradesBackfilled()).isPositive();
        assertThat(run.trades.read()).filteredOn(v -> v.get("source").asText().equals("backfill")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"coinbase:BTC-USD", "kraken:BTC/USD"})
    void doubledTradesArePublishedOnce(String market, TestInfo test) {
        Run run = run(test, List.of(market), FaultPlan.NONE.withDuplicateEveryNth(5));

        assertTopicEqualsHistoryExactly(run, market);
        assertThat(run.ingest.metrics().duplicatesDropped()).isEqualTo(TRADES_PER_SYMBOL / 5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"coinbase:BTC-USD", "kraken:BTC/USD"})
    void cutConnectionsAreReopenedResubscribedAndTheirSilenceFilled(String market, TestInfo test) {
        Run run = run(test, List.of(market), FaultPlan.NONE.withDisconnectEvery(Duration.ofMillis(700)));

        assertTopicEqualsHistoryExactly(run, market);
        assertThat(run.ingest.metrics().reconnects()).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"coinbase:BTC-USD", "kraken:BTC/USD"})
    void brokenFramesGoToTheDeadLetterTopic(String market, TestInfo test) {
        Run run = run(test, List.of(market), FaultPlan.NONE.withMalformedEveryNth(10));

        assertTopicEqualsHistoryExactly(run, market);
        assertThat(run.ingest.metrics().malformed()).isEqualTo(TRADES_PER_SYMBOL / 10);
    }

    @Test
    void bybitReconnectsTakeTheTradesTheyMissedFromItsLatestTrades(TestInfo test) {
        // Slow enough that a reconnect's silence (a jittered ~0.5 s backoff) holds fewer than the 60 trades Bybit's
        // recent-trade endpoint serves: beyond those, Bybit's trades made while disconnected cannot be had.
        Run run = run(test, List.of("bybit:BTCUSDT"), FaultPlan.NONE.withDisconnectEvery(Duration.ofMillis(700)), 40);

        List<Long> history = run.simulator.history("bybit:BTCUSDT").stream().map(SimTrade::id).toList();
        await().atMost(PATIENCE).until(() -> venueValues(run, "bybit").stream().map(v -> v.get("trade_id").asLong())
                .collect(Collectors.toSet()).containsAll(history));
        assertThat(venueValues(run, "bybit").stream().map(v -> v.get("trade_id").asLong()).collect(Collectors.toSet()))
                .as("every id of the history, and nothing else (the same id twice is possible: silver keeps one)")
                .containsExactlyInAnyOrderElementsOf(history);
        assertThat(run.ingest.metrics().reconnects()).isPositive();
        assertThat(venueValues(run, "bybit")).filteredOn(v -> v.get("source").asText().equals("backfill")).isNotEmpty();
    }

    @Test
    void binanceAndCoinbaseShareTheTopicUnderTheirOwnKeys(TestInfo test) {
        Run run = run(test, List.of("BTCUSDT", SIM_SYMBOL), FaultPlan.NONE.withDropEveryNth(11));

        assertTopicEqualsHistoryExactly(run, SIM_SYMBOL);
        await().atMost(PATIENCE).until(() -> run.trades.read().size() == 2 * TRADES_PER_SYMBOL);
        List<JsonNode> values = run.trades.read();
        List<String> keys = run.trades.recordKeys();
        for (int i = 0; i < values.size(); i++) {
            JsonNode value = values.get(i);
            if (value.get("exchange").asText().equals("binance")) {
                assertThat(keys.get(i)).isEqualTo("BTCUSDT");
                assertThat(value.get("base_asset").asText()).isEqualTo("BTC");
                assertThat(value.get("quote_asset").asText()).isEqualTo("USDT");
            } else {
                assertThat(keys.get(i)).isEqualTo(SIM_SYMBOL);
            }
        }
        assertThat(run.trades.tradeKeys()).filteredOn(key -> key.startsWith("BTCUSDT:")).doesNotHaveDuplicates()
                .hasSize((int) TRADES_PER_SYMBOL);
    }

    private Run run(TestInfo test, List<String> symbols, FaultPlan faults) {
        return run(test, symbols, faults, TRADES_PER_SECOND);
    }

    private Run run(TestInfo test, List<String> symbols, FaultPlan faults, double tradesPerSecond) {
        // One topic per venue too: a parameterized test runs under one method name.
        topic = "trades_" + test.getTestMethod().orElseThrow().getName() + "_"
                + symbols.get(symbols.size() - 1).replaceAll("[^A-Za-z0-9]", "_");
        ExchangeSimulator simulator = track(new ExchangeSimulator(
                new SimulatorConfig("127.0.0.1", 0, symbols, tradesPerSecond * symbols.size(), topic.hashCode(), TRADES_PER_SYMBOL)
                        .withFaults(faults)));
        simulator.start();
        TopicTrades trades = track(new TopicTrades(broker.bootstrapServers(), topic));
        IngestService ingest = track(new IngestService(IngestConfig.builder(broker.bootstrapServers(), symbols)
                .topic(topic)
                .dlqTopic(topic + "_dlq")
                .wsBaseUrl(simulator.wsBaseUri())
                .restBaseUrl(simulator.restBaseUri())
                .venueUrls("coinbase", URI.create(simulator.wsBaseUri() + "/coinbase"), URI.create(simulator.restBaseUri() + "/coinbase"))
                .venueUrls("kraken", URI.create(simulator.wsBaseUri() + "/kraken"), URI.create(simulator.restBaseUri() + "/kraken"))
                .venueUrls("bybit", URI.create(simulator.wsBaseUri() + "/bybit"), URI.create(simulator.restBaseUri() + "/bybit"))
                .build()));
        ingest.start();
        await().atMost(PATIENCE).until(() -> simulator.subscriberCount() == symbols.size());
        simulator.startTrading();
        await().atMost(PATIENCE).until(simulator::finished);
        return new Run(simulator, ingest, trades);
    }

    /** Every trade of the history once, with the simulator's exact price, size, time in µs and maker side. */
    private void assertTopicEqualsHistoryExactly(Run run, String simSymbol) {
        List<SimTrade> history = run.simulator.history(simSymbol);
        assertThat(history).hasSize((int) TRADES_PER_SYMBOL);
        String exchange = simSymbol.substring(0, simSymbol.indexOf(':'));
        await().atMost(PATIENCE).until(() -> venueValues(run, exchange).size() >= history.size());
        List<JsonNode> values = venueValues(run, exchange);
        assertThat(values.stream().map(v -> v.get("trade_id").asLong()).toList()).as("no duplicates").doesNotHaveDuplicates();
        Map<Long, JsonNode> byId = values.stream().collect(Collectors.toMap(v -> v.get("trade_id").asLong(), Function.identity()));
        assertThat(byId.keySet()).containsExactlyInAnyOrderElementsOf(history.stream().map(SimTrade::id).toList());
        for (SimTrade trade : history) {
            JsonNode value = byId.get(trade.id());
            assertThat(value.get("symbol").asText()).isEqualTo(simSymbol.substring(exchange.length() + 1));
            assertThat(value.get("price").asText()).isEqualTo(trade.price());
            assertThat(value.get("quantity").asText()).isEqualTo(trade.quantity());
            assertThat(value.get("trade_time_us").asLong()).isEqualTo(trade.tradeTimeMs() * 1000);
            assertThat(value.get("is_buyer_maker").asBoolean()).isEqualTo(trade.buyerMaker());
            assertThat(value.get("base_asset").asText()).isEqualTo("BTC");
            assertThat(value.get("quote_asset").asText()).isEqualTo("USD");
        }
    }

    private static List<JsonNode> venueValues(Run run, String exchange) {
        return run.trades.read().stream().filter(v -> v.get("exchange").asText().equals(exchange)).toList();
    }

    private <T extends AutoCloseable> T track(T component) {
        running.add(component);
        return component;
    }

    private record Run(ExchangeSimulator simulator, IngestService ingest, TopicTrades trades) {
    }
}
