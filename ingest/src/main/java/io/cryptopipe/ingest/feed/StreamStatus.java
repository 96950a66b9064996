package io.cryptopipe.ingest.feed;

/**
 * A feed's health at one moment.
 *
 * @param openConnections connections currently open
 * @param totalConnections connections the feed keeps (one per shard of streams)
 * @param lastError the latest problem in one human line, or {@code null} if there was none
 */
public record StreamStatus(StreamState state, int openConnections, int totalConnections, String lastError) {
}
