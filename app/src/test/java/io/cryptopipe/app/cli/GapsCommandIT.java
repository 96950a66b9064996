package io.cryptopipe.app.cli;

import io.cryptopipe.app.http.ApiServer;
import io.cryptopipe.app.http.GapsRoute;
import io.cryptopipe.app.http.JsonRoute;
import io.cryptopipe.app.http.RequestGuard;
import io.cryptopipe.app.kafka.BrokerSettings;
import io.cryptopipe.app.kafka.EmbeddedKafkaBroker;
import io.cryptopipe.app.runtime.ServingSettings;
import io.cryptopipe.app.warehouse.WarehouseFile;
import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimulatorConfig;
import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestService;
import io.cryptopipe.ingest.gap.RetrySchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code cryptopipe gaps} against the HTTP API of a running ingest whose exchange's REST is down: it lists the open
 * gaps with their last error; and the same ledger read from its Kafka topic, as for a standalone ingest.
 */
class GapsCommandIT {
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final Duration PATIENCE = Duration.ofSeconds(45);

    @TempDir
    Path dir;

    @Test
    void listsTheOpenGapsOfTheRunningPipelineAndOfTheLedgerTopic() throws Exception {
        FaultPlan faults = FaultPlan.NONE.withDropEveryNth(7).withRestOutage(Duration.ZERO, Duration.ofMinutes(5));
        try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerSettings.of("127.0.0.1", 0, dir.resolve("kafka")));
             ExchangeSimulator simulator = new ExchangeSimulator(new SimulatorConfig("127.0.0.1", 0, SYMBOLS, 200, 5, 100)
                     .withFaults(faults))) {
            broker.start();
            simulator.start();
            try (IngestService ingest = new IngestService(IngestConfig.builder(broker.bootstrapServers(), SYMBOLS)
                    .wsBaseUrl(simulator.wsBaseUri()).restBaseUrl(simulator.restBaseUri())
                    .gapRetry(new RetrySchedule(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2))).build())) {
                ingest.start();
                await().atMost(PATIENCE).until(() -> simulator.subscriberCount() > 0);
                simulator.startTrading();
                await().atMost(PATIENCE).until(() -> ingest.metrics().openGaps() >= 2);

                Path dataDir = dir.resolve("data");
                Map<String, JsonRoute> routes = new LinkedHashMap<>();
                routes.put("/health", request -> Map.of("status", "UP",
                        "components", Map.of("warehouse", Map.of("file", WarehouseFile.in(dataDir).path().toString()))));
                routes.put("/api/gaps", new GapsRoute(ingest));
                try (ApiServer api = new ApiServer(new InetSocketAddress("127.0.0.1", 0), routes,
                        RequestGuard.of("127.0.0.1", ServingSettings.withoutPgEndpoint()))) {
                    api.start();
                    String listing = gaps("--http-port", Integer.toString(api.uri().getPort()), "--data-dir", dataDir.toString());

                    assertListsItsOpenGaps(listing);
                    assertThat(listing).contains("EXCHANGE", "LAST_ERROR", "HTTP 503");
                    assertThat(gaps("--http-port", Integer.toString(api.uri().getPort()), "--data-dir", dataDir.toString(), "--json"))
                            .contains("\"openGaps\" : ", "\"lastError\" : \"historicalTrades", "\"lost\" : [ ]");
                }
                String fromTopic = gaps("--bootstrap-servers", broker.bootstrapServers(), "--topic", "stock_trades");
                assertListsItsOpenGaps(fromTopic);
                assertThat(fromTopic).contains("HTTP 503");
            }
        }
    }

    @Test
    void withNoPipelineUpItSaysHowToStartOne() {
        StringWriter err = new StringWriter();
        CommandLine command = CommandLineFactory.create(new CryptopipeCommand());
        command.setErr(new PrintWriter(err));

        int exit = command.execute("gaps", "--http-port", "1", "--data-dir", dir.toString());

        assertThat(exit).isEqualTo(ExitCodes.WORK_FAILED);
        assertThat(err.toString()).contains("no pipeline answers on port 1").contains("./cryptopipe up");
    }

    /** The first line counts the gaps (at least the two awaited, more may have opened since), one row each. */
    private static void assertListsItsOpenGaps(String listing) {
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("^(\\d+) open gaps, (\\d+) trades to fetch").matcher(listing);
        assertThat(count.find()).as(listing).isTrue();
        assertThat(Long.parseLong(count.group(1))).isGreaterThanOrEqualTo(2)
                .isEqualTo(listing.lines().filter(line -> line.startsWith("binance ")).count());
    }

    private static String gaps(String... options) {
        StringWriter out = new StringWriter();
        CommandLine command = CommandLineFactory.create(new CryptopipeCommand());
        command.setOut(new PrintWriter(out));
        String[] args = new String[options.length + 1];
        args[0] = "gaps";
        System.arraycopy(options, 0, args, 1, options.length);
        assertThat(command.execute(args)).as("exit code of gaps").isZero();
        return out.toString();
    }
}
