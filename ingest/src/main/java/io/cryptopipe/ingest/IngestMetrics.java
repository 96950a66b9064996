package io.cryptopipe.ingest;

/**
 * Running totals since the service started, and (the last three) the gap ledger as it stands.
 *
 * @param framesReceived complete text messages read from the exchange
 * @param tradesPublished trades the broker acknowledged (live and backfilled)
 * @param malformed frames that could not be parsed and went to the dead-letter topic
 * @param sendErrors records the broker did not take
 * @param reconnects connection attempts after a connection was lost
 * @param renewals connections replaced while open (serverShutdown notice or lifetime), new one first
 * @param duplicatesDropped trades received again (overlaps, reconnects, restarts) and not published twice
 * @param gapsFound missed ranges of trade ids detected
 * @param tradesBackfilled trades fetched over REST to fill them (at once or later from the gap ledger)
 * @param gapsLost missed ranges the exchange no longer has (its history answered trades beyond them, none in them)
 * @param tradesLost trades in those ranges
 * @param openGaps gaps in the ledger now: missed, not fetched yet, retried until they are
 * @param gapTradesPending trades in those gaps
 * @param oldestOpenGapSeconds how long ago the oldest open gap was found; 0 when none is open
 */
public record IngestMetrics(long framesReceived, long tradesPublished, long malformed, long sendErrors, long reconnects,
                            long renewals, long duplicatesDropped, long gapsFound, long tradesBackfilled,
                            long gapsLost, long tradesLost, long openGaps, long gapTradesPending,
                            long oldestOpenGapSeconds) {
}
