package io.cryptopipe.ingest.publish;

/**
 * What became of the frames a {@link TradePublisher} was given.
 *
 * @param tradesPublished trades the broker acknowledged
 * @param ignored messages that carry no trade (subscription replies, other event types)
 * @param malformed frames sent to the dead-letter topic
 * @param sendErrors records the broker did not take, or that were dropped after a fatal producer error
 */
public record PublishCounts(long tradesPublished, long ignored, long malformed, long sendErrors) {
}
