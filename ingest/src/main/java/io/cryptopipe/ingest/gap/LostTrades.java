package io.cryptopipe.ingest.gap;

/**
 * Trade ids {@code fromId..toId} of {@code symbol} that the exchange no longer has: its REST history answered with
 * trades beyond them and none of them. Nothing else is called lost; a fetch that fails is retried until it succeeds.
 */
public record LostTrades(String symbol, long fromId, long toId, String reason) {
    public long trades() {
        return toId - fromId + 1;
    }
}
