package io.cryptopipe.ingest.gap;

/** Trade ids {@code fromId..toId} of {@code symbol} that were missed and could not be fetched, and why. */
public record UnfilledGap(String symbol, long fromId, long toId, String reason) {
    public long trades() {
        return toId - fromId + 1;
    }
}
