package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * Coinbase Exchange's WebSocket feed at {@code /coinbase}: a client subscribes with
 * {@code {"type":"subscribe","product_ids":[..],"channels":["matches",..]}}, is told its {@code subscriptions}, gets
 * one {@code last_match} per product (its latest trade) and then a {@code match} per trade. {@code side} is the
 * maker's side.
 */
public final class CoinbaseStreams extends SimVenueStreams {

    public static final String EXCHANGE = "coinbase";
    public static final String PATH = "/" + EXCHANGE;

    private final Function<String, Optional<SimTrade>> latestTrade;

    /**
     * @param products    the simulator's Coinbase markets, {@code coinbase:BTC-USD}
     * @param latestTrade the most recent trade of such a market, if it traded
     */
    public CoinbaseStreams(TradeBroadcaster broadcaster, Set<String> products, Function<String, Optional<SimTrade>> latestTrade,
                           ObjectMapper json, int maxPendingFrames, FaultPlan faults, ScheduledExecutorService timers) {
        super(EXCHANGE, broadcaster, products, json, maxPendingFrames, faults, timers);
        this.latestTrade = latestTrade;
    }

    @Override
    Optional<String> pong(String message) {
        return Optional.empty();
    }

    @Override
    Optional<List<String>> subscribed(JsonNode request) {
        if (!"subscribe".equals(request.path("type").asText())) {
            return Optional.empty();
        }
        List<String> products = new ArrayList<>();
        request.path("product_ids").forEach(product -> products.add(product.asText()));
        return Optional.of(products);
    }

    @Override
    List<String> acknowledgements(JsonNode request, List<String> products) {
        ObjectNode subscriptions = json.createObjectNode().put("type", "subscriptions");
        ObjectNode matches = subscriptions.putArray("channels").addObject().put("name", "matches");
        products.forEach(product -> matches.withArray("product_ids").add(product));
        List<String> replies = new ArrayList<>();
        replies.add(subscriptions.toString());
        for (String product : products) {
            latestTrade.apply(EXCHANGE + ":" + product).ifPresent(trade -> replies.add(frame("last_match", trade)));
        }
        return replies;
    }

    @Override
    String refusal(String request, String reason) {
        return json.createObjectNode().put("type", "error").put("message", "Failed to subscribe").put("reason", reason).toString();
    }

    @Override
    public String trade(SimTrade trade) {
        return frame("match", trade);
    }

    /** A match in Coinbase's documented layout; the sequence number is the trade id, which grows with it. */
    private static String frame(String type, SimTrade trade) {
        long id = trade.id();
        return "{\"type\":\"" + type + "\",\"trade_id\":" + id + ",\"sequence\":" + id
                + ",\"maker_order_id\":\"" + new UUID(id, 1) + "\",\"taker_order_id\":\"" + new UUID(id, 2)
                + "\",\"time\":\"" + isoMicros(trade.tradeTimeMs()) + "\",\"product_id\":\"" + symbolOf(trade)
                + "\",\"size\":\"" + trade.quantity() + "\",\"price\":\"" + trade.price()
                + "\",\"side\":\"" + (trade.buyerMaker() ? "buy" : "sell") + "\"}";
    }

    /** Coinbase writes six fractional digits: 2014-11-07T08:19:27.028459Z. */
    public static String isoMicros(long epochMillis) {
        String seconds = Instant.ofEpochMilli(epochMillis).toString().substring(0, 19);
        return seconds + "." + String.format("%03d", Math.floorMod(epochMillis, 1000)) + "000Z";
    }
}
