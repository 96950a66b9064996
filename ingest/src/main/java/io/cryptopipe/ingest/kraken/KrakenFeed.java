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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Kraken's WebSocket v2 {@code trade} channel. Prices and quantities come as JSON numbers and are kept digit for digit;
 * {@code side} is the taker's, so the buyer was the maker when it is {@code sell}. Kraken's v2 {@code trade_id} is a
 * sequence number per pair ("Trade ID: sequential int" in its v1/v2 comparison), so with a
 * {@link KrakenTradesClient} a jump of ids is a gap, fetched from {@code /0/public/Trades} through the sequencer and
 * the gap ledger as Binance's are. Each (re)subscription also asks for the snapshot of recent trades; the sequencer
 * drops the ones already published.
 */
public final class KrakenFeed implements VenueFeed {
    public static final URI WS_URL = URI.create("wss://ws.kraken.com/v2");
    public static final URI REST_URL = URI.create("https://api.kraken.com");
    static final String EXCHANGE = "kraken";
    /** Kraken drops a connection idle for a minute; its own heartbeats arrive every second once subscribed. */
    private static final Duration PING_INTERVAL = Duration.ofSeconds(30);

    private final URI wsUrl;
    private final Optional<KrakenTradesClient> history;
    private final ObjectMapper json = VenueJson.exactMapper();

    /** Streamed only: a jump of ids is not fetched. */
    public KrakenFeed(URI wsUrl) {
        this(wsUrl, Optional.empty());
    }

    public KrakenFeed(URI wsUrl, Optional<KrakenTradesClient> history) {
        this.wsUrl = wsUrl;
        this.history = history;
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
        return VenueJson.parseObject(json, frame, message -> {
            String channel = message.path("channel").asText("");
            if (!channel.equals("trade")) {
                if (message.path("success").isBoolean() && !message.path("success").asBoolean()) {
                    return List.of(new ParseResult.Ignored("error: " + message.path("error").asText()));
                }
                if (channel.isEmpty() && !message.has("method")) {
                    return List.of(new ParseResult.Malformed("neither a channel message nor a method reply"));
                }
                return List.of(new ParseResult.Ignored(channel.isEmpty() ? "reply to " + message.path("method").asText()
                        : "channel " + channel));
            }
            return VenueJson.eachTrade(message, "trade message", node -> {
                Trade trade = trade(node, receiveTimeMicros);
                history.ifPresent(client -> client.remember(trade.symbol(), trade.tradeId(), trade.tradeTimeMicros()));
                return trade;
            });
        });
    }

    private static Trade trade(JsonNode node, long receiveTimeMicros) {
        String symbol = VenueJson.text(node, "symbol");
        boolean takerSold = VenueJson.takerSold(node, "side", "buy", "sell");
        long time = VenueJson.isoMicros(node, "timestamp");
        return new Trade(EXCHANGE, symbol, VenueJson.id(node, "trade_id"), VenueJson.decimal(node, "price"),
                VenueJson.decimal(node, "qty"), takerSold, time, time, receiveTimeMicros, TradeSource.WS,
                AssetPair.split(symbol));
    }

    @Override
    public Optional<TradeHistorySource> history() {
        return history.map(TradeHistorySource.class::cast);
    }
}
