package io.cryptopipe.app.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;
import io.cryptopipe.exchangesim.SimulatorConfig;
import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestMetrics;
import io.cryptopipe.ingest.IngestService;
import io.cryptopipe.ingest.binance.StreamTimeUnit;
import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.gap.RetrySchedule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each exchange fault the simulator can show, against a real broker: whatever the exchange does, the trades topic
 * ends up holding exactly the simulator's history, every (symbol, trade id) once.
 */
class IngestFaultsIT {
    static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final long TRADES_PER_SYMBOL = 250;
    private static final double TRADES_PER_SECOND = 200;
    /** Generous: a wait ends as soon as its condition holds, and a loaded CI machine once needed more than 45 s. */
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** The gap ledger's schedule shortened, so that a test waits seconds, not minutes, once REST is back. */
    static final RetrySchedule QUICK_RETRIES = new RetrySchedule(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    /* Fault counts are chosen not to divide the 500 frames: a symbol's very last trade, if dropped, is only noticed
       by the next trade or the next reconnect, and the simulator's market closes after it. */

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

    @Test
    void droppedFramesAreBackfilledOverRest(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withDropEveryNth(7), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().gapsFound()).isPositive();
        assertThat(run.ingest.metrics().tradesBackfilled()).isPositive();
        assertThat(run.values()).filteredOn(v -> v.get("source").asText().equals("backfill")).isNotEmpty();
    }

    @Test
    void duplicatedFramesArePublishedOnce(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withDuplicateEveryNth(5), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().duplicatesDropped()).isEqualTo(2 * TRADES_PER_SYMBOL / 5);
    }

    @Test
    void malformedFramesGoToTheDeadLetterTopicAndStreamingGoesOn(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withMalformedEveryNth(10), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().malformed()).isEqualTo(2 * TRADES_PER_SYMBOL / 10);
        try (TopicTrades dlq = new TopicTrades(broker.bootstrapServers(), topic + "_dlq")) {
            await().atMost(PATIENCE).until(() -> dlq.readText().size() == 2 * TRADES_PER_SYMBOL / 10);
        }
    }

    @Test
    void tradesMissedWhileDisconnectedAreBackfilled(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withDisconnectEvery(Duration.ofMillis(700)), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().reconnects()).isPositive();
    }

    @Test
    void connectionsClosedByTheExchangeAtTheirLifetimeLoseNothing(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withConnectionLifetime(Duration.ofMillis(800)), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().reconnects()).isPositive();
    }

    @Test
    void connectionsAreRenewedBeforeTheExchangeCutsThem(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withConnectionLifetime(Duration.ofMillis(1500)),
                config -> config.connectionLifetime(Duration.ofMillis(700)));

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().renewals()).isPositive();
        assertThat(run.ingest.metrics().reconnects()).as("no connection was ever lost").isZero();
    }

    @Test
    void serverShutdownIsAnsweredWithAMakeBeforeBreakSwitchOver(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withServerShutdownAfter(Duration.ofMillis(600)), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        IngestMetrics metrics = run.ingest.metrics();
        assertThat(metrics.renewals()).isPositive();
        assertThat(metrics.reconnects()).as("no connection was ever lost").isZero();
    }

    @Test
    void aStalledConnectionIsReopenedAndItsSilenceBackfilled(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withStallAfter(Duration.ofMillis(600)),
                config -> config.stallTimeout(Duration.ofMillis(400)));

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().reconnects()).isPositive();
    }

    @Test
    void restRateLimitsWithRetryAfterAreHonoured(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withDropEveryNth(97).withRestThrottleEveryNth(2, false), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().tradesBackfilled()).isPositive();
    }

    @Test
    void restBansWithRetryAfterAreHonoured(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withDropEveryNth(97).withRestThrottleEveryNth(2, true), UnaryOperator.identity());

        assertTopicEqualsHistory(run);
        assertThat(run.ingest.metrics().tradesBackfilled()).isPositive();
    }

    @Test
    void aRestOutageLongerThanTheOldRetryBudgetDelaysFillsAndLosesNothing(TestInfo test) {
        // REST answers 503 for 20 s from half a second into the market, longer than the ~15 s of quick retries after
        // which a gap used to be declared lost; the market is over in 2.5 s, so every later gap waits in the ledger.
        Run run = run(test, FaultPlan.NONE.withDropEveryNth(7).withRestOutage(Duration.ofMillis(500), Duration.ofSeconds(20)),
                config -> config.gapRetry(QUICK_RETRIES));
        await().atMost(PATIENCE).until(() -> run.ingest.metrics().openGaps() > 0);
        assertThat(run.ingest.openGaps()).allSatisfy(gap -> assertThat(gap.lastError()).contains("HTTP 503"));

        assertTopicEqualsHistory(run);
        await().atMost(PATIENCE).until(() -> run.ingest.metrics().openGaps() == 0);
        assertThat(run.ingest.metrics().tradesLost()).isZero();
        assertThat(run.ingest.metrics().gapTradesPending()).isZero();
    }

    @Test
    void aProxyRefusingRestWith4xxForAWhileDelaysFillsAndLosesNothing(TestInfo test) throws Exception {
        topic = topicFor(test);
        ExchangeSimulator simulator = track(new ExchangeSimulator(simConfig(FaultPlan.NONE.withDropEveryNth(7))));
        simulator.start();
        RefusingRestProxy proxy = track(new RefusingRestProxy(simulator.restBaseUri()));
        proxy.refuse(true);
        TopicTrades trades = track(new TopicTrades(broker.bootstrapServers(), topic));
        IngestService ingest = track(new IngestService(ingestConfig(simulator).restBaseUrl(proxy.uri()).gapRetry(QUICK_RETRIES).build()));
        ingest.start();
        await().atMost(PATIENCE).until(() -> simulator.subscriberCount() > 0);
        simulator.startTrading();
        await().atMost(PATIENCE).until(simulator::finished);
        await().atMost(PATIENCE).until(() -> ingest.openGaps().stream().anyMatch(gap -> gap.refused() && gap.attempts() >= 2));
        assertThat(ingest.openGaps()).allSatisfy(gap -> assertThat(gap.lastError()).contains("HTTP 403"));

        proxy.refuse(false);

        assertTopicEqualsHistory(new Run(simulator, ingest, trades));
        await().atMost(PATIENCE).until(() -> ingest.metrics().openGaps() == 0);
        assertThat(ingest.metrics().tradesLost()).isZero();
        assertThat(proxy.refusedRequests()).isPositive();
    }

    @Test
    void orderIdsAndMicrosecondTimesAreRead(TestInfo test) {
        Run run = run(test, FaultPlan.NONE.withOrderIds(true), config -> config.timeUnit(StreamTimeUnit.MICROSECOND));

        assertTopicEqualsHistory(run);
        Map<String, Long> tradeTimes = run.values().stream().collect(Collectors.toMap(
                v -> v.get("symbol").asText() + ":" + v.get("trade_id").asLong(), v -> v.get("trade_time_us").asLong()));
        for (String symbol : SYMBOLS) {
            for (SimTrade trade : run.simulator.history(symbol)) {
                assertThat(tradeTimes.get(symbol + ":" + trade.id())).isEqualTo(trade.tradeTimeMs() * 1000);
            }
        }
    }

    @Test
    void http451OnConnectStopsWithTheWayOut(TestInfo test) {
        topic = topicFor(test);
        ExchangeSimulator simulator = track(new ExchangeSimulator(simConfig(FaultPlan.NONE.withRefuseWithHttp451(true))));
        simulator.start();
        IngestService ingest = track(new IngestService(ingestConfig(simulator).build()));
        ingest.start();

        await().atMost(PATIENCE).until(() -> ingest.status().state() == StreamState.FAILED);
        assertThat(ingest.status().lastError()).contains("HTTP 451").contains("stream.binance.us");
    }

    @Test
    void aRestartedIngestResumesAfterTheLastTradeInTheTopic(TestInfo test) {
        topic = topicFor(test);
        ExchangeSimulator simulator = track(new ExchangeSimulator(simConfig(FaultPlan.NONE)));
        simulator.start();
        TopicTrades trades = track(new TopicTrades(broker.bootstrapServers(), topic));
        IngestService first = new IngestService(ingestConfig(simulator).build());
        first.start();
        await().atMost(PATIENCE).until(() -> simulator.subscriberCount() > 0);
        simulator.startTrading();
        await().atMost(PATIENCE).until(() -> trades.read().size() >= 100);
        first.close();

        IngestService second = track(new IngestService(ingestConfig(simulator).build()));
        second.start();
        await().atMost(PATIENCE).until(simulator::finished);

        assertTopicEqualsHistory(new Run(simulator, second, trades));
        assertThat(second.metrics().tradesBackfilled()).as("trades made while ingest was down").isPositive();
    }

    private Run run(TestInfo test, FaultPlan faults, UnaryOperator<IngestConfig.Builder> tweak) {
        topic = topicFor(test);
        ExchangeSimulator simulator = track(new ExchangeSimulator(simConfig(faults)));
        simulator.start();
        TopicTrades trades = track(new TopicTrades(broker.bootstrapServers(), topic));
        IngestService ingest = track(new IngestService(tweak.apply(ingestConfig(simulator)).build()));
        ingest.start();
        await().atMost(PATIENCE).until(() -> simulator.subscriberCount() > 0);
        simulator.startTrading();
        await().atMost(PATIENCE).until(simulator::finished);
        return new Run(simulator, ingest, trades);
    }

    private SimulatorConfig simConfig(FaultPlan faults) {
        return new SimulatorConfig("127.0.0.1", 0, SYMBOLS, TRADES_PER_SECOND, topic.hashCode(), TRADES_PER_SYMBOL)
                .withFaults(faults);
    }

    private IngestConfig.Builder ingestConfig(ExchangeSimulator simulator) {
        return IngestConfig.builder(broker.bootstrapServers(), SYMBOLS)
                .topic(topic)
                .dlqTopic(topic + "_dlq")
                .wsBaseUrl(simulator.wsBaseUri())
                .restBaseUrl(simulator.restBaseUri());
    }

    /** Waits until the topic holds every trade of the simulator's history, then checks it holds nothing else. */
    static void assertTopicEqualsHistory(Run run) {
        assertTopicEqualsHistory(run, TRADES_PER_SYMBOL);
    }

    static void assertTopicEqualsHistory(Run run, long tradesPerSymbol) {
        List<String> expected = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            run.simulator.history(symbol).forEach(trade -> expected.add(symbol + ":" + trade.id()));
        }
        assertThat(expected).hasSize((int) (SYMBOLS.size() * tradesPerSymbol));
        await().atMost(PATIENCE).until(() -> run.trades.tradeKeys().containsAll(expected));
        List<String> inTopic = run.trades.tradeKeys();
        assertThat(inTopic).as("no duplicates").doesNotHaveDuplicates();
        assertThat(inTopic).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String topicFor(TestInfo test) {
        return "trades_" + test.getTestMethod().orElseThrow().getName();
    }

    private <T extends AutoCloseable> T track(T component) {
        running.add(component);
        return component;
    }

    record Run(ExchangeSimulator simulator, IngestService ingest, TopicTrades trades) {
        List<JsonNode> values() {
            return trades.read();
        }
    }

}
