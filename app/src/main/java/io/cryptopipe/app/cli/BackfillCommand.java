package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.gap.HistoricalTradesClient;
import io.cryptopipe.ingest.gap.RangeBackfill;
import io.cryptopipe.ingest.binance.StreamClientSettings;
import io.cryptopipe.ingest.publish.ProducerProperties;
import io.cryptopipe.ingest.publish.TopicInitializer;
import io.cryptopipe.ingest.publish.TradePublisher;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Copy one symbol's trades by id range from Binance REST (historicalTrades) into the trades topic.",
                "Records carry source \"backfill\". Resumable: a checkpoint under <data-dir>/backfill/ remembers the",
                "last id made durable, and running the same command again continues after it."})
public final class BackfillCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BackfillCommand.class);

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "stock_trades", description = "Kafka topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--symbol", required = true, description = "The symbol, e.g. BTCUSDT.")
    String symbol;

    @Option(names = "--from-id", required = true, description = "First trade id to copy.")
    long fromId;

    @Option(names = "--to-id", required = true, description = "Last trade id to copy.")
    long toId;

    @Option(names = "--binance-rest-url", defaultValue = "https://api.binance.com", description = "REST base URL (default: ${DEFAULT-VALUE}).")
    URI restUrl;

    @Option(names = "--data-dir", defaultValue = "${env:CRYPTOPIPE_DATA_DIR:-data}", description = "Where the checkpoint is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        String upperSymbol = SymbolsOption.parse(symbol).get(0);
        if (fromId < 0 || toId < fromId) {
            throw new UserError("--from-id and --to-id must satisfy 0 <= from <= to, got " + fromId + ".." + toId);
        }
        Path checkpoint = dataDir.toAbsolutePath().resolve("backfill")
                .resolve(upperSymbol + "-" + fromId + "-" + toId + ".last-id");
        long start = Math.max(fromId, readCheckpoint(checkpoint) + 1);
        if (start > toId) {
            log.info("{} ids {}..{} are already copied (checkpoint {})", upperSymbol, fromId, toId, checkpoint);
            return ExitCodes.OK;
        }
        new TopicInitializer(3, (short) 1).ensureTopics(Map.of("bootstrap.servers", bootstrapServers),
                List.of(topic, topic + "_dlq"), Duration.ofSeconds(30));
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(ProducerProperties.forTrades(bootstrapServers, Map.of()));
        AtomicReference<String> fatal = new AtomicReference<>();
        TradePublisher publisher = new TradePublisher(producer, topic, topic + "_dlq", fatal::set);
        HistoricalTradesClient rest = new HistoricalTradesClient(HttpClient.newHttpClient(), restUrl,
                StreamClientSettings.DEFAULT_BACKOFF, MicrosClock.SYSTEM);
        long total = toId - fromId + 1;
        try {
            RangeBackfill.Progress done = new RangeBackfill(rest).run(upperSymbol, start, toId, publisher::publishTrade, progress -> {
                producer.flush();
                if (fatal.get() != null) {
                    throw new UserError(fatal.get(), ExitCodes.WORK_FAILED);
                }
                writeCheckpoint(checkpoint, progress.lastId());
                System.err.printf(Locale.ROOT, "\r%s %5.1f%% (id %d of %d..%d)", upperSymbol,
                        100.0 * (progress.lastId() - fromId + 1) / total, progress.lastId(), fromId, toId);
            });
            System.err.println();
            log.info("{}: copied {} trades ({} not in the exchange's history), up to id {}", upperSymbol,
                    done.published(), done.missing(), done.lastId());
            return ExitCodes.OK;
        } catch (BackfillFailed e) {
            System.err.println();
            throw new UserError(e.getMessage() + "; run the same command again to resume", ExitCodes.WORK_FAILED);
        } finally {
            publisher.close(Duration.ofSeconds(30));
        }
    }

    private static long readCheckpoint(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
        } catch (IOException | NumberFormatException e) {
            throw new UserError("cannot read the backfill checkpoint " + file + ": " + e.getMessage()
                    + " (delete it to start over)");
        }
    }

    private static void writeCheckpoint(Path file, long lastId) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Long.toString(lastId));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backfill checkpoint " + file, e);
        }
    }
}
