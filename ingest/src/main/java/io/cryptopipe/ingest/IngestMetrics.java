package io.cryptopipe.ingest;

/**
 * Running totals since the service started.
 *
 * @param framesReceived complete text messages read from the exchange
 * @param tradesPublished trades the broker acknowledged (live and backfilled)
 * @param malformed frames that could not be parsed and went to the dead-letter topic
 * @param sendErrors records the broker did not take
 * @param reconnects connection attempts after a connection was lost
 * @param renewals connections replaced while open (serverShutdown notice or lifetime), new one first
 * @param duplicatesDropped trades received again (overlaps, reconnects, restarts) and not published twice
 * @param gapsFound missed ranges of trade ids detected
 * @param tradesBackfilled trades fetched over REST to fill them
 * @param gapsUnfilled missed ranges the exchange's REST history could not supply; each is logged
 * @param tradesMissing trades in those ranges
 */
public record IngestMetrics(long framesReceived, long tradesPublished, long malformed, long sendErrors, long reconnects,
                            long renewals, long duplicatesDropped, long gapsFound, long tradesBackfilled,
                            long gapsUnfilled, long tradesMissing) {
}
