package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.IngestConfig;
import io.cryptopipe.ingest.IngestService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
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

    @Option(names = "--symbols", defaultValue = SymbolsOption.DEFAULT, description = "Comma-separated symbols (default: ${DEFAULT-VALUE}).")
    String symbols;

    @Option(names = "--topic", defaultValue = "stock_trades", description = "Kafka topic (default: ${DEFAULT-VALUE}); dead letters go to <topic>_dlq.")
    String topic;

    @Option(names = "--binance-ws-url", defaultValue = "wss://stream.binance.com:9443", description = "WebSocket base URL (default: ${DEFAULT-VALUE}).")
    URI wsUrl;

    @Option(names = "--binance-rest-url", defaultValue = "https://api.binance.com", description = "REST base URL (default: ${DEFAULT-VALUE}).")
    URI restUrl;

    @Override
    public Integer call() throws InterruptedException {
        IngestService ingest = new IngestService(IngestConfig.builder(bootstrapServers, SymbolsOption.parse(symbols))
                .topic(topic)
                .dlqTopic(topic + "_dlq")
                .wsBaseUrl(wsUrl)
                .restBaseUrl(restUrl)
                .build());
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
}
