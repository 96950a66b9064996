package io.cryptopipe.ingest.archive;

import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.trade.Trade;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Publishes the trades of one {@link TradeArchive} in file order (ascending ids), skipping those up to a checkpoint.
 * Every {@code batchSize} published trades, and at the end, it reports {@link Progress} so the caller can make the
 * batch durable (flush the producer) and record the last id as the checkpoint to resume after.
 */
public final class ArchiveImport {

    /**
     * @param lastId        the last id handled so far (published or skipped as already done)
     * @param published     trades published by this run
     * @param missing       ids the file skips (Binance's ids are contiguous, so each is a trade the archive lacks)
     * @param bytesRead     bytes of the file read so far
     * @param bytesTotal    the file's size
     */
    public record Progress(long lastId, long published, long missing, long bytesRead, long bytesTotal) {
        public double fraction() {
            return bytesTotal == 0 ? 1.0 : Math.min(1.0, (double) bytesRead / bytesTotal);
        }
    }

    private final int batchSize;
    private final MicrosClock clock;

    public ArchiveImport(int batchSize, MicrosClock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.clock = clock;
    }

    /**
     * @param afterId the checkpoint: ids up to it were published by an earlier run; -1 for none
     * @throws ArchiveFormatException on the first line that is not a trade, naming the file and line; everything
     *                                before it was reported as progress
     */
    public Progress run(TradeArchive archive, long afterId, Consumer<Trade> publish, Consumer<Progress> batchDone)
            throws ArchiveFormatException, IOException {
        ArchiveTradeParser parser = new ArchiveTradeParser(archive.symbol(), clock);
        AtomicLong bytesRead = new AtomicLong();
        long total = archive.size();
        long lastId = afterId;
        long published = 0;
        long missing = 0;
        long sinceReport = 0;
        try (BufferedReader lines = archive.open(bytesRead)) {
            long lineNumber = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNumber++;
                if (line.isBlank() || (lineNumber == 1 && !Character.isDigit(line.charAt(0)))) {
                    continue; // a header line, as some of Binance's other archives carry
                }
                Trade trade;
                try {
                    trade = parser.parse(line, lineNumber);
                } catch (ArchiveFormatException e) {
                    throw new ArchiveFormatException(archive.file() + " " + e.getMessage(), e);
                }
                long id = trade.tradeId();
                if (id <= lastId) {
                    continue;
                }
                if (lastId >= 0) {
                    missing += id - lastId - 1;
                }
                publish.accept(trade);
                published++;
                lastId = id;
                if (++sinceReport == batchSize) {
                    batchDone.accept(new Progress(lastId, published, missing, bytesRead.get(), total));
                    sinceReport = 0;
                }
            }
        }
        Progress done = new Progress(lastId, published, missing, total, total);
        batchDone.accept(done);
        return done;
    }
}
