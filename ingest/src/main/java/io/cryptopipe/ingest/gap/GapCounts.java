package io.cryptopipe.ingest.gap;

/**
 * What the sequencer did so far.
 *
 * @param duplicatesDropped trades already published (overlapping connections, reconnects, a restart) and dropped
 * @param gapsFound jumps in a symbol's ids, and catch-ups after a (re)connect that found missed trades
 * @param tradesBackfilled trades fetched over REST and published
 * @param gapsUnfilled ranges that could not be fetched; each is logged and kept in {@link TradeSequencer#unfilledGaps()}
 * @param tradesMissing trades in those ranges
 */
public record GapCounts(long duplicatesDropped, long gapsFound, long tradesBackfilled, long gapsUnfilled, long tradesMissing) {
    public static final GapCounts NONE = new GapCounts(0, 0, 0, 0, 0);
}
