package io.cryptopipe.app.ingest;

import io.cryptopipe.app.Main;
import io.cryptopipe.app.cli.CommandLineFactory;
import io.cryptopipe.app.cli.CryptopipeCommand;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimulatorConfig;
import io.cryptopipe.ingest.gap.KafkaGapStore;
import io.cryptopipe.ingest.gap.OpenGap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code ./cryptopipe ingest} killed with SIGKILL mid-stream (and mid REST outage, with gaps open in the ledger) and
 * started again: the topic still gets every trade once.
 */
class IngestCrashIT {
    private static final String TOPIC = "stock_trades";
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void aKilledIngestRestartsAfterTheLastTradeInTheTopicAndFillsWhatItMissed() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             ExchangeSimulator simulator = new ExchangeSimulator(new SimulatorConfig("127.0.0.1", 0,
                     IngestFaultsIT.SYMBOLS, 100, 11, 600))) {
            broker.start();
            simulator.start();
            TopicTrades trades = new TopicTrades(broker.bootstrapServers(), TOPIC);

            Process first = startIngest(broker, simulator, "first.log");
            try {
                await().atMost(PATIENCE).until(() -> simulator.subscriberCount() > 0);
                simulator.startTrading();
                await().atMost(PATIENCE).until(() -> trades.readText().size() >= 150);
            } finally {
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(simulator.finished()).as("killed while the exchange still trades").isFalse();

            Process second = startIngest(broker, simulator, "second.log");
            try {
                await().atMost(PATIENCE).until(simulator::finished);
                IngestFaultsIT.assertTopicEqualsHistory(new IngestFaultsIT.Run(simulator, null, trades), 600);
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
                trades.close();
            }
        }
    }

    @Test
    void aKillDuringARestOutageKeepsItsOpenGapsAndTheRestartFillsEachTradeOnce() throws Exception {
        // Every 9th frame dropped; REST answers 503 from 1 s into the market for 12 s; the market trades 10 s.
        FaultPlan faults = FaultPlan.NONE.withDropEveryNth(9).withRestOutage(Duration.ofSeconds(1), Duration.ofSeconds(12));
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             ExchangeSimulator simulator = new ExchangeSimulator(new SimulatorConfig("127.0.0.1", 0,
                     IngestFaultsIT.SYMBOLS, 120, 13, 600).withFaults(faults))) {
            broker.start();
            simulator.start();
            TopicTrades trades = new TopicTrades(broker.bootstrapServers(), TOPIC);
            KafkaGapStore gaps = new KafkaGapStore(Map.of("bootstrap.servers", broker.bootstrapServers()), TOPIC + "_gaps");
            // A stall timeout of 2 s reopens the streams once the market is over, and the catch-up after that fetches a
            // dropped last trade, which no later trade would reveal.
            List<String> options = List.of("--stall-timeout", "2", "--gap-retry-max", "2");

            Process first = startIngest(broker, simulator, "first.log", options);
            try {
                await().atMost(PATIENCE).until(() -> simulator.subscriberCount() > 0);
                simulator.startTrading();
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> ledgerOrEmpty(gaps).size() >= 2);
            } finally {
                first.destroyForcibly();
                assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(simulator.finished()).as("killed while the exchange still trades").isFalse();
            List<OpenGap> beforeRestart = gaps.load();
            assertThat(beforeRestart).allSatisfy(gap -> assertThat(gap.lastError()).contains("HTTP 503"));
            StringWriter listing = new StringWriter();
            CommandLine gapsCommand = CommandLineFactory.create(new CryptopipeCommand());
            gapsCommand.setOut(new PrintWriter(listing));
            assertThat(gapsCommand.execute("gaps", "--bootstrap-servers", broker.bootstrapServers())).isZero();
            assertThat(listing.toString()).startsWith(beforeRestart.size() + " open gaps").contains("HTTP 503");

            Process second = startIngest(broker, simulator, "second.log", options);
            try {
                await().atMost(PATIENCE).until(simulator::finished);
                IngestFaultsIT.assertTopicEqualsHistory(new IngestFaultsIT.Run(simulator, null, trades), 600);
                await().atMost(PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> gaps.load().isEmpty());
            } finally {
                second.destroy();
                second.waitFor(30, TimeUnit.SECONDS);
                trades.close();
                gaps.close();
            }
        }
    }

    /** The ledger topic's entries, or none while the topic does not exist yet. */
    private static List<OpenGap> ledgerOrEmpty(KafkaGapStore gaps) {
        try {
            return gaps.load();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private Process startIngest(EmbeddedKafkaBroker broker, ExchangeSimulator simulator, String log) throws IOException {
        return startIngest(broker, simulator, log, List.of());
    }

    private Process startIngest(EmbeddedKafkaBroker broker, ExchangeSimulator simulator, String log, List<String> options)
            throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(javaBin.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "ingest",
                "--bootstrap-servers", broker.bootstrapServers(),
                "--symbols", String.join(",", IngestFaultsIT.SYMBOLS),
                "--topic", TOPIC,
                "--binance-ws-url", simulator.wsBaseUri().toString(),
                "--binance-rest-url", simulator.restBaseUri().toString()));
        command.addAll(options);
        return new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }
}
