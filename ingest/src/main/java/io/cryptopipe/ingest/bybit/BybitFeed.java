package io.cryptopipe.ingest.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.RecentTradesSource;
import io.cryptopipe.ingest.venue.VenueFeed;
import io.cryptopipe.ingest.venue.VenueJson;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bybit's v5 spot {@code publicTrade.<symbol>} topic. {@code S} is the taker's side ({@code Buy}/{@code Sell});
 * spot trade ids ({@code i}) are numeric strings that rise with time but are not gap-free per symbol (Bybit's v3 spot
 * docs describe one id sequence shared by all symbols), so a jump of ids proves nothing. Its REST
 * {@code /v5/market/recent-trade} serves only the latest 60 spot trades without paging: with
 * {@link BybitRecentTrades}, a reconnect takes from there the trades newer than the last one seen, which recovers an
 * outage of at most 60 trades and no more. Bybit wants {@code {"op":"ping"}} every 20 s and at most 10 topics per subscribe request.
 */
public final class BybitFeed implements VenueFeed {
    public static final URI WS_URL = URI.create("wss://stream.bybit.com/v5/public/spot");
    public static final URI REST_URL = URI.create("https://api.bybit.com");
    static final String EXCHANGE = "bybit";
    private static final Duration PING_INTERVAL = Duration.ofSeconds(20);
    private static final int TOPICS_PER_REQUEST = 10;

    private final URI wsUrl;
    private final Optional<RecentTradesSource> recent;
    private final ObjectMapper json = VenueJson.exactMapper();

    /** Streamed only: a reconnect fetches nothing. */
    public BybitFeed(URI wsUrl) {
        this(wsUrl, Optional.empty());
    }

    public BybitFeed(URI wsUrl, Optional<RecentTradesSource> recent) {
        this.wsUrl = wsUrl;
        this.recent = recent;
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
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < symbols.size(); from += TOPICS_PER_REQUEST) {
            ObjectNode subscribe = json.createObjectNode().put("op", "subscribe");
            ArrayNode args = subscribe.putArray("args");
            symbols.subList(from, Math.min(symbols.size(), from + TOPICS_PER_REQUEST)).forEach(symbol -> args.add("publicTrade." + symbol));
            messages.add(subscribe.toString());
        }
        return messages;
    }

    @Override
    public Optional<String> pingMessage() {
        return Optional.of("{\"op\":\"ping\"}");
    }

    @Override
    public Duration pingInterval() {
        return PING_INTERVAL;
    }

    @Override
    public List<ParseResult> parse(String frame, long receiveTimeMicros) {
        return VenueJson.parseObject(json, frame, message -> {
            if (message.has("op")) {
                boolean failed = message.path("success").isBoolean() && !message.path("success").asBoolean();
                return List.of(new ParseResult.Ignored(failed ? "error: " + message.path("ret_msg").asText()
                        : "reply to " + message.path("op").asText()));
            }
            if (!message.path("topic").asText("").startsWith("publicTrade.")) {
                return List.of(new ParseResult.Malformed("neither a reply nor a publicTrade push"));
            }
            return VenueJson.eachTrade(message, "publicTrade push", node -> trade(node, receiveTimeMicros));
        });
    }

    private static Trade trade(JsonNode node, long receiveTimeMicros) {
        String symbol = VenueJson.text(node, "s");
        boolean takerSold = VenueJson.takerSold(node, "S", "Buy", "Sell");
        long time = VenueJson.millisAsMicros(node, "T");
        return new Trade(EXCHANGE, symbol, VenueJson.id(node, "i"), VenueJson.decimal(node, "p"),
                VenueJson.decimal(node, "v"), takerSold, time, time, receiveTimeMicros, TradeSource.WS,
                AssetPair.bySuffix(symbol));
    }

    @Override
    public Optional<TradeHistorySource> history() {
        return Optional.empty();
    }

    @Override
    public Optional<RecentTradesSource> recentTrades() {
        return recent;
    }
}
