package io.cryptopipe.ingest.gap;

/**
 * What the sequencer did so far.
 *
 * @param duplicatesDropped trades already published (overlapping connections, reconnects, a restart) and dropped
 * @param gapsFound jumps in a symbol's ids, and catch-ups after a (re)connect that found missed trades
 * @param tradesBackfilled trades fetched over REST and published
 * @param gapsLost ranges the exchange no longer has (see {@link LostTrades}); each is logged
 * @param tradesLost trades in those ranges
 */
public record GapCounts(long duplicatesDropped, long gapsFound, long tradesBackfilled, long gapsLost, long tradesLost) {
    public static final GapCounts NONE = new GapCounts(0, 0, 0, 0, 0);
}
