package io.cryptopipe.ingest.okx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.VenueFeed;
import io.cryptopipe.ingest.venue.VenueJson;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * OKX's v5 public {@code trades} channel. OKX sends one message per taker order and price, aggregating its fills
 * ({@code count}), so the {@code tradeId}s it shows skip the fills it merged: a jump of ids proves nothing and no
 * gap is fetched by id. {@code side} is the taker's. OKX expects a text {@code ping} within 30 s and answers
 * {@code pong}, which is not JSON.
 */
public final class OkxFeed implements VenueFeed {
    public static final URI WS_URL = URI.create("wss://ws.okx.com:8443/ws/v5/public");
    public static final URI REST_URL = URI.create("https://www.okx.com");
    static final String EXCHANGE = "okx";
    private static final Duration PING_INTERVAL = Duration.ofSeconds(20);

    private final URI wsUrl;
    private final ObjectMapper json = VenueJson.exactMapper();

    public OkxFeed(URI wsUrl) {
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
        ObjectNode subscribe = json.createObjectNode().put("op", "subscribe");
        ArrayNode args = subscribe.putArray("args");
        symbols.forEach(symbol -> args.addObject().put("channel", "trades").put("instId", symbol));
        return List.of(subscribe.toString());
    }

    @Override
    public Optional<String> pingMessage() {
        return Optional.of("ping");
    }

    @Override
    public Duration pingInterval() {
        return PING_INTERVAL;
    }

    @Override
    public List<ParseResult> parse(String frame, long receiveTimeMicros) {
        if (frame.equals("pong")) {
            return List.of(new ParseResult.Ignored("pong"));
        }
        return VenueJson.parseObject(json, frame, message -> {
            if (message.has("event")) {
                String event = message.path("event").asText();
                return List.of(new ParseResult.Ignored(event.equals("error")
                        ? "error " + message.path("code").asText() + ": " + message.path("msg").asText() : "event " + event));
            }
            if (!"trades".equals(message.path("arg").path("channel").asText())) {
                return List.of(new ParseResult.Malformed("neither an event nor a trades push"));
            }
            return VenueJson.eachTrade(message, "trades push", node -> trade(node, receiveTimeMicros));
        });
    }

    private static Trade trade(JsonNode node, long receiveTimeMicros) {
        String instrument = VenueJson.text(node, "instId");
        boolean takerSold = VenueJson.takerSold(node, "side", "buy", "sell");
        long time = VenueJson.millisAsMicros(node, "ts");
        return new Trade(EXCHANGE, instrument, VenueJson.id(node, "tradeId"), VenueJson.decimal(node, "px"),
                VenueJson.decimal(node, "sz"), takerSold, time, time, receiveTimeMicros, TradeSource.WS,
                AssetPair.split(instrument));
    }

    @Override
    public Optional<TradeHistorySource> history() {
        return Optional.empty();
    }
}
