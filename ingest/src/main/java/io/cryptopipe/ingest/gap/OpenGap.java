package io.cryptopipe.ingest.gap;

import io.cryptopipe.ingest.trade.StreamKey;
import java.time.Duration;
import java.time.Instant;

/**
 * One entry of the gap ledger: trade ids {@code fromId..toId} of {@code symbol} missed and not yet in the topic.
 *
 * @param firstId        where the gap began; with exchange and symbol it names the entry for its whole life, while
 *                       {@code fromId} moves up as pages of it are filled
 * @param foundAt        when it was found
 * @param attempts       fetches that failed so far
 * @param lastError      the last failure in one line, or empty
 * @param refused        the last failure was a 4xx other than 429/418 (retried on the slow schedule)
 * @param nextTry        not tried again before this
 * @param scanFromOffset the end offset of the symbol's partition of the trades topic when this entry was last
 *                       written: trades of the range published after that write (a fill cut short by a crash) are at
 *                       or after it, so a restart looks there and does not publish them again
 */
public record OpenGap(String exchange, String symbol, long firstId, long fromId, long toId, Instant foundAt,
                      int attempts, String lastError, boolean refused, Instant nextTry, long scanFromOffset) {

    public OpenGap {
        if (fromId < firstId || toId < fromId) {
            throw new IllegalArgumentException("a gap needs firstId <= fromId <= toId: " + firstId + ", " + fromId + ", " + toId);
        }
        lastError = lastError == null ? "" : lastError;
    }

    /** {@code exchange:SYMBOL:firstId}, the ledger topic's record key. */
    public String key() {
        return exchange + ":" + symbol + ":" + firstId;
    }

    /** The trades topic's key of the gap's trades, which the sequencer and the history sources go by. */
    public String streamKey() {
        return StreamKey.of(exchange, symbol);
    }

    public long pending() {
        return toId - fromId + 1;
    }

    OpenGap failed(Instant now, BackfillFailed problem, RetrySchedule schedule, long scanFrom) {
        Duration wait = schedule.delay(attempts + 1, problem);
        return new OpenGap(exchange, symbol, firstId, fromId, toId, foundAt, attempts + 1, problem.getMessage(),
                problem.refused(), now.plus(wait), scanFrom);
    }

    OpenGap filledUpTo(long lastFilled, long scanFrom) {
        return new OpenGap(exchange, symbol, firstId, lastFilled + 1, toId, foundAt, attempts, lastError, refused, nextTry, scanFrom);
    }

    /**
     * The part {@code from..to} of this gap, its trades looked for after {@code scanFrom}; under this entry's key if
     * {@code keepKey}, else under a key of its own (its {@code from}).
     */
    OpenGap piece(long from, long to, long scanFrom, boolean keepKey) {
        long first = keepKey ? firstId : from;
        return new OpenGap(exchange, symbol, first, from, to, foundAt, attempts, lastError, refused, nextTry, scanFrom);
    }
}
