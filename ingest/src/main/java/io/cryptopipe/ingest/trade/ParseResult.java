package io.cryptopipe.ingest.trade;

/** What one exchange message turned out to be. */
public sealed interface ParseResult {

    /** A trade, ready to publish. */
    record Parsed(Trade trade) implements ParseResult {
    }

    /** A well-formed message that carries no trade (a subscription reply, another event type). */
    record Ignored(String reason) implements ParseResult {
    }

    /** A message that should have been a trade but cannot be read; {@code reason} says why, for a human. */
    record Malformed(String reason) implements ParseResult {
    }
}
