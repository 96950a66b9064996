package io.cryptopipe.app.ingest;

import io.cryptopipe.app.cli.CommandLineFactory;
import io.cryptopipe.app.cli.CryptopipeCommand;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;
import io.cryptopipe.exchangesim.SimulatorConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code ./cryptopipe backfill} copying an id range from the simulator's REST history into a real broker. */
class BackfillCommandIT {
    @TempDir
    Path dir;

    @Test
    void copiesAnIdRangeOnceAndAgainOnlyWhatIsLeft() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             ExchangeSimulator simulator = new ExchangeSimulator(
                     new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT"), 5_000, 3, 2_500))) {
            broker.start();
            simulator.start();
            simulator.startTrading();
            await().atMost(Duration.ofSeconds(30)).until(simulator::finished);
            List<SimTrade> history = simulator.history("BTCUSDT");
            long from = history.get(100).id();
            long to = history.get(2_399).id();

            assertThat(backfill(broker, simulator, from, to)).isZero();
            assertThat(backfill(broker, simulator, from, to)).as("a rerun finds the range done").isZero();

            try (TopicTrades trades = new TopicTrades(broker.bootstrapServers(), "stock_trades")) {
                List<String> expected = history.subList(100, 2_400).stream().map(t -> "BTCUSDT:" + t.id()).toList();
                await().atMost(Duration.ofSeconds(30)).until(() -> trades.tradeKeys().size() >= expected.size());
                assertThat(trades.tradeKeys()).containsExactlyElementsOf(expected);
                assertThat(trades.read()).allSatisfy(value -> assertThat(value.get("source").asText()).isEqualTo("backfill"));
            }
            assertThat(Files.readString(dir.resolve("data/backfill/BTCUSDT-" + from + "-" + to + ".last-id"))).isEqualTo(Long.toString(to));
        }
    }

    @Test
    void waitsOutARestOutageAndThenCopiesTheRangeOnce() throws Exception {
        FaultPlan outage = FaultPlan.NONE.withRestOutage(Duration.ZERO, Duration.ofSeconds(8));
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             ExchangeSimulator simulator = new ExchangeSimulator(
                     new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT"), 5_000, 3, 1_500).withFaults(outage))) {
            broker.start();
            simulator.start();
            simulator.startTrading();
            await().atMost(Duration.ofSeconds(30)).until(simulator::finished);
            List<SimTrade> history = simulator.history("BTCUSDT");

            assertThat(backfill(broker, simulator, history.get(0).id(), history.get(1_499).id()))
                    .as("REST answers 503 for 8 s: the old client gave up after ~15 s of five tries, this one waits").isZero();

            try (TopicTrades trades = new TopicTrades(broker.bootstrapServers(), "stock_trades")) {
                List<String> expected = history.stream().map(t -> "BTCUSDT:" + t.id()).toList();
                await().atMost(Duration.ofSeconds(30)).until(() -> trades.tradeKeys().size() >= expected.size());
                assertThat(trades.tradeKeys()).containsExactlyElementsOf(expected);
            }
            StringWriter listing = new StringWriter();
            CommandLine gaps = CommandLineFactory.create(new CryptopipeCommand());
            gaps.setOut(new PrintWriter(listing));
            assertThat(gaps.execute("gaps", "--bootstrap-servers", broker.bootstrapServers())).isZero();
            assertThat(listing.toString()).as("the range's ledger entry is closed").startsWith("0 open gaps, 0 trades to fetch");
        }
    }

    @Test
    void copiesADateRangeAsTheTradesMadeInIt() throws Exception {
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             ExchangeSimulator simulator = new ExchangeSimulator(
                     new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT"), 2_000, 5, 2_000))) {
            broker.start();
            simulator.start();
            simulator.startTrading();
            await().atMost(Duration.ofSeconds(30)).until(simulator::finished);
            List<SimTrade> history = simulator.history("BTCUSDT");
            long from = history.get(300).tradeTimeMs();
            long to = history.get(1_500).tradeTimeMs();

            int exit = CommandLineFactory.create(new CryptopipeCommand()).execute("backfill",
                    "--bootstrap-servers", broker.bootstrapServers(), "--symbol", "BTCUSDT",
                    "--from-date", Instant.ofEpochMilli(from).toString(), "--to-date", Instant.ofEpochMilli(to).toString(),
                    "--binance-rest-url", simulator.restBaseUri().toString(), "--data-dir", dir.resolve("data").toString());

            assertThat(exit).isZero();
            List<String> expected = history.stream().filter(t -> t.tradeTimeMs() >= from && t.tradeTimeMs() < to)
                    .map(t -> "BTCUSDT:" + t.id()).toList();
            try (TopicTrades trades = new TopicTrades(broker.bootstrapServers(), "stock_trades")) {
                await().atMost(Duration.ofSeconds(30)).until(() -> trades.tradeKeys().size() >= expected.size());
                assertThat(trades.tradeKeys()).containsExactlyElementsOf(expected);
            }
        }
    }

    private int backfill(EmbeddedKafkaBroker broker, ExchangeSimulator simulator, long from, long to) {
        return CommandLineFactory.create(new CryptopipeCommand()).execute("backfill",
                "--bootstrap-servers", broker.bootstrapServers(),
                "--symbol", "btcusdt",
                "--from-id", Long.toString(from),
                "--to-id", Long.toString(to),
                "--binance-rest-url", simulator.restBaseUri().toString(),
                "--data-dir", dir.resolve("data").toString());
    }
}
