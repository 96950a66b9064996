package io.cryptopipe.ingest;

/**
 * Running totals since the service started.
 *
 * @param framesReceived complete text messages read from the exchange
 * @param tradesPublished trades the broker acknowledged
 * @param malformed frames that could not be parsed and went to the dead-letter topic
 * @param sendErrors records the broker did not take
 * @param reconnects connection attempts after each connection's first
 */
public record IngestMetrics(long framesReceived, long tradesPublished, long malformed, long sendErrors, long reconnects) {
}
