package io.cryptopipe.app.cli;

import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.gap.HistoricalTradesClient;
import io.cryptopipe.ingest.gap.GapLedger;
import io.cryptopipe.ingest.gap.KafkaGapStore;
import io.cryptopipe.ingest.gap.KafkaTradesTopic;
import io.cryptopipe.ingest.gap.OpenGap;
import io.cryptopipe.ingest.gap.RetrySchedule;
import io.cryptopipe.ingest.binance.RestHttpClients;
import io.cryptopipe.ingest.binance.StreamClientSettings;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;

@Command(name = "backfill", mixinStandardHelpOptions = true,
        description = {"Copy trades into the trades topic: one symbol's id or date range from Binance REST (historicalTrades;",
                "records carry source \"backfill\"), or files of Binance's public archive (data.binance.vision spot",
                "trades, .zip or .csv, checked against the .CHECKSUM beside them when present; source \"archive\").",
                "A REST range is an entry of the gap ledger (<topic>_gaps, see ./cryptopipe gaps): a REST outage is",
                "waited out and retried however long it lasts, and a run stopped half way is finished, each trade once,",
                "by running the same command again or by the next start of ingest. Don't run it for a range a running",
                "ingest is filling. A checkpoint under <data-dir>/backfill/ marks the range as started.",
                "The warehouse keeps one row per trade either way."},
        footer = {"", "Examples:",
                "  ./cryptopipe backfill --symbol BTCUSDT --from-id 4200000000 --to-id 4200100000",
                "  ./cryptopipe backfill --symbol BTCUSDT --from-date 2025-01-01 --to-date 2025-01-02",
                "  ./cryptopipe backfill --archive BTCUSDT-trades-2025-01-01.zip BTCUSDT-trades-2025-01-02.zip"})
public final class BackfillCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(BackfillCommand.class);

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--topic", defaultValue = "stock_trades", description = "Kafka topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--symbol", description = "The symbol, e.g. BTCUSDT (for archives: only when the file names do not start with it).")
    String symbol;

    @Option(names = "--from-id", description = "First trade id to copy from REST.")
    Long fromId;

    @Option(names = "--to-id", description = "Last trade id to copy from REST.")
    Long toId;

    @Option(names = "--from-date", description = "With --to-date, instead of ids: the first day (2025-01-01, UTC) or instant (2025-01-01T12:30:00Z) to copy.")
    String fromDate;

    @Option(names = "--to-date", description = "End of the date range, exclusive (same forms as --from-date).")
    String toDate;

    @Option(names = "--archive", arity = "1..*", paramLabel = "FILE",
            description = "Binance archive files (SYMBOL-trades-DATE.zip or .csv) to import instead of REST.")
    List<Path> archives;

    @Option(names = "--binance-rest-url", defaultValue = "https://api.binance.com", description = "REST base URL (default: ${DEFAULT-VALUE}).")
    URI restUrl;

    @Option(names = "--data-dir", defaultValue = "${env:CRYPTOPIPE_DATA_DIR:-data}", description = "Where the checkpoint is kept (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Override
    public Integer call() {
        if (archives != null && !archives.isEmpty()) {
            if (fromId != null || toId != null) {
                throw new UserError("--archive imports whole files: drop --from-id/--to-id, or drop --archive to copy an id range from REST");
            }
            return new ArchiveBackfill(bootstrapServers, topic, dataDir).run(archives,
                    Optional.ofNullable(symbol).map(s -> SymbolsOption.parse(s).get(0)));
        }
        if (symbol == null) {
            throw new UserError("backfill needs --symbol with --from-id/--to-id or --from-date/--to-date, or --archive FILE...");
        }
        String upperSymbol = SymbolsOption.parse(symbol).get(0);
        HistoricalTradesClient rest = new HistoricalTradesClient(RestHttpClients.forBase(restUrl), restUrl,
                StreamClientSettings.DEFAULT_BACKOFF, MicrosClock.SYSTEM);
        if (fromDate != null || toDate != null) {
            if (fromId != null || toId != null) {
                throw new UserError("give an id range (--from-id/--to-id) or a date range (--from-date/--to-date), not both");
            }
            if (fromDate == null || toDate == null) {
                throw new UserError("a date range needs both --from-date and --to-date");
            }
            long[] ids = idsBetween(rest, upperSymbol, instant("--from-date", fromDate), instant("--to-date", toDate));
            return copyRange(rest, upperSymbol, ids[0], ids[1]);
        }
        if (fromId == null || toId == null) {
            throw new UserError("backfill needs --from-id and --to-id, or --from-date and --to-date, with --symbol");
        }
        return copyRange(rest, upperSymbol, fromId, toId);
    }

    /** The first and last trade id in [from, to), found through aggTrades; a one-line error when there are none. */
    private static long[] idsBetween(HistoricalTradesClient rest, String symbol, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw new UserError("--to-date must be after --from-date, got " + from + " .. " + to);
        }
        try {
            OptionalLong first = rest.firstTradeIdAtOrAfter(symbol, from.toEpochMilli());
            if (first.isEmpty()) {
                throw new UserError(symbol + " has no trade at or after " + from, ExitCodes.WORK_FAILED);
            }
            OptionalLong next = rest.firstTradeIdAtOrAfter(symbol, to.toEpochMilli());
            long last = next.isPresent() ? next.getAsLong() - 1 : rest.latestTradeId(symbol).orElse(first.getAsLong() - 1);
            if (last < first.getAsLong()) {
                throw new UserError(symbol + " has no trade between " + from + " and " + to, ExitCodes.WORK_FAILED);
            }
            log.info("{} trades from {} to {} are ids {}..{}", symbol, from, to, first.getAsLong(), last);
            return new long[]{first.getAsLong(), last};
        } catch (BackfillFailed e) {
            throw new UserError(e.getMessage(), ExitCodes.WORK_FAILED);
        }
    }

    /** {@code 2025-01-01} (midnight UTC) or an ISO instant such as {@code 2025-01-01T12:30:00Z}. */
    private static Instant instant(String option, String text) {
        try {
            return text.contains("T") ? Instant.parse(text) : LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserError(option + " must be a date like 2025-01-01 or an instant like 2025-01-01T12:30:00Z, got '" + text + "'");
        }
    }

    /**
     * Copies the range as an entry of the gap ledger ({@code <topic>_gaps}), the one ingest keeps: each page is made
     * durable before the entry moves past it, a REST outage is waited out on the ledger's schedule however long it
     * lasts, and a run stopped half way (Ctrl-C, kill -9) is resumed, reconciled with the topic, by the next run of the
     * same command or by the next start of ingest. The checkpoint file marks the range as started: once it exists and
     * the ledger has no entry left in the range, the range is done.
     */
    private int copyRange(HistoricalTradesClient rest, String upperSymbol, long fromId, long toId) {
        if (fromId < 0 || toId < fromId) {
            throw new UserError("--from-id and --to-id must satisfy 0 <= from <= to, got " + fromId + ".." + toId);
        }
        Path checkpoint = dataDir.toAbsolutePath().resolve("backfill")
                .resolve(upperSymbol + "-" + fromId + "-" + toId + ".last-id");
        long total = toId - fromId + 1;
        Map<String, Object> kafka = Map.of("bootstrap.servers", bootstrapServers);
        try (BackfillTopic trades = new BackfillTopic(bootstrapServers, topic);
             KafkaGapStore store = new KafkaGapStore(kafka, topic + "_gaps");
             KafkaTradesTopic index = new KafkaTradesTopic(kafka, topic)) {
            store.ensureTopic((short) 1, Duration.ofSeconds(30));
            GapLedger ledger = new GapLedger(store, rest, trades, index, RetrySchedule.DEFAULT, Clock.systemUTC());
            ledger.restore(Map.of(), gap -> gap.symbol().equals(upperSymbol) && gap.fromId() >= fromId && gap.toId() <= toId);
            List<OpenGap> left = ledger.openGaps();
            if (left.isEmpty() && Files.exists(checkpoint)) {
                log.info("{} ids {}..{} are already copied (checkpoint {}, nothing open in the gap ledger)", upperSymbol, fromId,
                        toId, checkpoint);
                return ExitCodes.OK;
            }
            if (left.isEmpty()) {
                writeCheckpoint(checkpoint, fromId - 1);
                left = List.of(ledger.openOrResume(upperSymbol, fromId, toId));
            }
            for (OpenGap gap : left) {
                ledger.fillNow(gap, lastDone -> {
                    writeCheckpoint(checkpoint, lastDone);
                    System.err.printf(Locale.ROOT, "\r%s %5.1f%% (id %d of %d..%d)", upperSymbol,
                            100.0 * (lastDone - fromId + 1) / total, lastDone, fromId, toId);
                });
            }
            System.err.println();
            log.info("{}: ids {}..{} copied ({} trades published, {} no longer in the exchange's history)", upperSymbol,
                    fromId, toId, ledger.tradesFilled(), ledger.lost().trades());
            return ExitCodes.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("stopped; the rest of the range stays in the gap ledger (./cryptopipe gaps): run the same"
                    + " command again, or start ingest, to finish it", ExitCodes.WORK_FAILED);
        } catch (KafkaException | IllegalStateException e) {
            System.err.println();
            throw new UserError("Kafka at " + bootstrapServers + ": " + e.getMessage() + "; run the same command again to resume",
                    ExitCodes.WORK_FAILED);
        }
    }

    static long readCheckpoint(Path file) {
        try {
            return Files.exists(file) ? Long.parseLong(Files.readString(file).strip()) : -1;
        } catch (IOException | NumberFormatException e) {
            throw new UserError("cannot read the backfill checkpoint " + file + ": " + e.getMessage()
                    + " (delete it to start over)");
        }
    }

    static void writeCheckpoint(Path file, long lastId) {
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
