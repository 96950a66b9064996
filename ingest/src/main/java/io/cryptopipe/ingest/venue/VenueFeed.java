package io.cryptopipe.ingest.venue;

import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.ParseResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What one exchange other than Binance needs to be streamed by a {@link VenueConnection}: its endpoint, how to
 * subscribe and keep the connection alive, how to read its frames and where its missed trades can be fetched.
 * Binance keeps its own sharded client ({@code io.cryptopipe.ingest.binance}).
 */
public interface VenueFeed {
    /** The {@code exchange} field of its trades, lower case. */
    String exchange();

    URI wsUrl();

    /** The text messages that subscribe a fresh connection to the trades of {@code symbols}. */
    List<String> subscribeMessages(List<String> symbols);

    /** A text message to send every {@link #pingInterval()}; empty to send WebSocket ping frames instead. */
    Optional<String> pingMessage();

    Duration pingInterval();

    /**
     * Reads one frame, which may carry several trades (one result each, in the venue's order) or none (one
     * {@link ParseResult.Ignored}); trades come out with their canonical assets. Never throws for bad input.
     */
    List<ParseResult> parse(String frame, long receiveTimeMicros);

    /**
     * Fetches trades by id, keyed by the venue's symbol; present only where the venue's ids are contiguous per symbol
     * and its REST history can be paged by id, so that a jump of ids proves trades were missed.
     */
    Optional<TradeHistorySource> history();

    /**
     * The venue's latest trades, where its history cannot be paged by id: after a reconnect the trades newer than the
     * last one seen are fetched from here, as far back as one answer reaches.
     */
    default Optional<RecentTradesSource> recentTrades() {
        return Optional.empty();
    }
}
