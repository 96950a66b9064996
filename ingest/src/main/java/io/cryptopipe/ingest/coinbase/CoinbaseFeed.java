package io.cryptopipe.ingest.coinbase;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.venue.VenueFeed;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Coinbase Exchange: the {@code matches} channel (every trade, contiguous {@code trade_id} per product) and the
 * {@code heartbeat} channel, whose message every second keeps a quiet product's connection from looking stalled.
 * Missed ids are fetched from {@code GET /products/<id>/trades}.
 */
public final class CoinbaseFeed implements VenueFeed {
    public static final URI WS_URL = URI.create("wss://ws-feed.exchange.coinbase.com");
    public static final URI REST_URL = URI.create("https://api.exchange.coinbase.com");
    /** Coinbase closes a connection that sends nothing for a while; a WebSocket ping keeps it. */
    private static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    private final URI wsUrl;
    private final CoinbaseTradesClient history;
    private final CoinbaseTradeParser parser = new CoinbaseTradeParser();
    private final ObjectMapper json = new ObjectMapper();

    public CoinbaseFeed(URI wsUrl, CoinbaseTradesClient history) {
        this.wsUrl = wsUrl;
        this.history = history;
    }

    @Override
    public String exchange() {
        return CoinbaseTradeParser.EXCHANGE;
    }

    @Override
    public URI wsUrl() {
        return wsUrl;
    }

    @Override
    public List<String> subscribeMessages(List<String> symbols) {
        ObjectNode subscribe = json.createObjectNode().put("type", "subscribe");
        symbols.forEach(subscribe.putArray("product_ids")::add);
        subscribe.putArray("channels").add("matches").add("heartbeat");
        return List.of(subscribe.toString());
    }

    @Override
    public Optional<String> pingMessage() {
        return Optional.empty();
    }

    @Override
    public Duration pingInterval() {
        return PING_INTERVAL;
    }

    @Override
    public List<ParseResult> parse(String frame, long receiveTimeMicros) {
        return List.of(parser.parse(frame, receiveTimeMicros));
    }

    @Override
    public Optional<TradeHistorySource> history() {
        return Optional.of(history);
    }
}
