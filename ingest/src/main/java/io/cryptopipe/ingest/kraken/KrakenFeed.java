package io.cryptopipe.ingest.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.VenueFeed;
import io.cryptopipe.ingest.venue.VenueJson;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kraken's WebSocket v2 {@code trade} channel. Prices and quantities come as JSON numbers and are kept digit for digit;
 * {@code side} is the taker's, so the buyer was the maker when it is {@code sell}. Kraken documents its
 * {@code trade_id} as unique per pair, not as gap-free, so a jump of ids proves nothing and no gap is fetched by id:
 * each (re)subscription asks for the snapshot of recent trades, which covers a short outage; repeats are removed in
 * silver by (exchange, symbol, trade_id).
 */
public final class KrakenFeed implements VenueFeed {
    public static final URI WS_URL = URI.create("wss://ws.kraken.com/v2");
    public static final URI REST_URL = URI.create("https://api.kraken.com");
    static final String EXCHANGE = "kraken";
    /** Kraken drops a connection idle for a minute; its own heartbeats arrive every second once subscribed. */
    private static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    private final URI wsUrl;
    private final ObjectMapper json = VenueJson.exactMapper();

    public KrakenFeed(URI wsUrl) {
        this.wsUrl = wsUrl;
    }

    @Override
    public String exchange() {
        return EXCHANGE;
    }

    @Override
    public URI wsUrl() {
        return wsUrl;
    }

    @Override
    public List<String> subscribeMessages(List<String> symbols) {
        ObjectNode subscribe = json.createObjectNode().put("method", "subscribe");
        ObjectNode params = subscribe.putObject("params").put("channel", "trade").put("snapshot", true);
        symbols.forEach(params.putArray("symbol")::add);
        return List.of(subscribe.toString());
    }

    @Override
    public Optional<String> pingMessage() {
        return Optional.of("{\"method\":\"ping\"}");
    }

    @Override
    public Duration pingInterval() {
        return PING_INTERVAL;
    }

    @Override
    public List<ParseResult> parse(String frame, long receiveTimeMicros) {
        JsonNode message;
        try {
            message = json.readTree(frame);
        } catch (IOException e) {
            return List.of(new ParseResult.Malformed("invalid JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (message == null || !message.isObject()) {
            return List.of(new ParseResult.Malformed("frame is not a JSON object"));
        }
        String channel = message.path("channel").asText("");
        if (!channel.equals("trade")) {
            if (message.path("success").isBoolean() && !message.path("success").asBoolean()) {
                return List.of(new ParseResult.Ignored("error: " + message.path("error").asText()));
            }
            if (channel.isEmpty() && !message.has("method")) {
                return List.of(new ParseResult.Malformed("neither a channel message nor a method reply"));
            }
            return List.of(new ParseResult.Ignored(channel.isEmpty() ? "reply to " + message.path("method").asText() : "channel " + channel));
        }
        JsonNode data = message.get("data");
        if (data == null || !data.isArray()) {
            return List.of(new ParseResult.Malformed("trade message without a data array"));
        }
        List<ParseResult> results = new ArrayList<>(data.size());
        for (JsonNode node : data) {
            try {
                results.add(new ParseResult.Parsed(trade(node, receiveTimeMicros)));
            } catch (IllegalArgumentException e) {
                results.add(new ParseResult.Malformed(e.getMessage()));
            }
        }
        return results.isEmpty() ? List.of(new ParseResult.Ignored("empty trade message")) : results;
    }

    private static Trade trade(JsonNode node, long receiveTimeMicros) {
        String symbol = VenueJson.text(node, "symbol");
        String side = VenueJson.text(node, "side");
        if (!side.equals("buy") && !side.equals("sell")) {
            throw new IllegalArgumentException("field 'side' must be buy or sell: " + side);
        }
        long time = VenueJson.isoMicros(node, "timestamp");
        return new Trade(EXCHANGE, symbol, VenueJson.id(node, "trade_id"), VenueJson.decimal(node, "price"),
                VenueJson.decimal(node, "qty"), side.equals("sell"), time, time, receiveTimeMicros, TradeSource.WS,
                AssetPair.split(symbol));
    }

    @Override
    public Optional<TradeHistorySource> history() {
        return Optional.empty();
    }
}
