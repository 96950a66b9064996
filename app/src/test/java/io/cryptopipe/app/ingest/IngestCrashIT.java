package io.cryptopipe.app.ingest;

import io.cryptopipe.app.Main;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ./cryptopipe ingest} killed with SIGKILL mid-stream and started again: the topic still gets every trade once. */
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

    private Process startIngest(EmbeddedKafkaBroker broker, ExchangeSimulator simulator, String log) throws IOException {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(List.of(javaBin.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "ingest",
                "--bootstrap-servers", broker.bootstrapServers(),
                "--symbols", String.join(",", IngestFaultsIT.SYMBOLS),
                "--topic", TOPIC,
                "--binance-ws-url", simulator.wsBaseUri().toString(),
                "--binance-rest-url", simulator.restBaseUri().toString()))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(log).toFile())
                .start();
    }
}
