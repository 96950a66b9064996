package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

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
 * one {@code last_match} per product (its latest trade) and then a {@code match} per trade, with the same faults
 * as Binance's streams (drops, duplicates, broken frames, disconnects). {@code side} is the maker's side.
 */
public final class CoinbaseStreams implements SessionControl, VenueFrames {

    public static final String EXCHANGE = "coinbase";
    public static final String PATH = "/coinbase";

    private final TradeBroadcaster broadcaster;
    private final Set<String> products;
    private final Function<String, Optional<SimTrade>> latestTrade;
    private final ObjectMapper json;
    private final int maxPendingFrames;
    private final SessionFaults faults;

    /**
     * @param products    the simulator's Coinbase markets, {@code coinbase:BTC-USD}
     * @param latestTrade the most recent trade of such a market, if it traded
     */
    public CoinbaseStreams(TradeBroadcaster broadcaster, Set<String> products, Function<String, Optional<SimTrade>> latestTrade,
                           ObjectMapper json, int maxPendingFrames, FaultPlan faults, ScheduledExecutorService timers) {
        this.broadcaster = broadcaster;
        this.products = Set.copyOf(products);
        this.latestTrade = latestTrade;
        this.json = json;
        this.maxPendingFrames = maxPendingFrames;
        this.faults = new SessionFaults(faults, timers, System::currentTimeMillis);
    }

    public void mapOnto(ServerWebSocketContainer container) {
        container.addMapping(PATH, (request, response, callback) ->
                new StreamSession(broadcaster, this, List.of(), false, false, maxPendingFrames, faults, this));
    }

    @Override
    public void handle(StreamSession session, String message) {
        JsonNode request;
        try {
            request = json.readTree(message);
        } catch (JsonProcessingException e) {
            session.send(error("Failed to subscribe", "malformed JSON"));
            return;
        }
        String type = request == null ? "" : request.path("type").asText();
        if (!type.equals("subscribe")) {
            session.send(error("Failed to subscribe", "type " + type + " is not supported here"));
            return;
        }
        List<String> wanted = new ArrayList<>();
        for (JsonNode product : request.path("product_ids")) {
            String key = EXCHANGE + ":" + product.asText();
            if (!products.contains(key)) {
                session.send(error("Failed to subscribe", product.asText() + " is not a valid product"));
                return;
            }
            wanted.add(key);
        }
        ObjectNode subscriptions = json.createObjectNode().put("type", "subscriptions");
        ObjectNode matches = subscriptions.putArray("channels").addObject().put("name", "matches");
        wanted.forEach(key -> matches.withArray("product_ids").add(VenueSymbols.venueSymbolOf(key)));
        session.send(subscriptions.toString());
        for (String key : wanted) {
            latestTrade.apply(key).ifPresent(trade -> session.send(frame("last_match", trade)));
        }
        broadcaster.subscribe(session, wanted);
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
                + "\",\"time\":\"" + isoMicros(trade.tradeTimeMs()) + "\",\"product_id\":\"" + VenueSymbols.venueSymbolOf(trade.symbol())
                + "\",\"size\":\"" + trade.quantity() + "\",\"price\":\"" + trade.price()
                + "\",\"side\":\"" + (trade.buyerMaker() ? "buy" : "sell") + "\"}";
    }

    /** Coinbase writes six fractional digits: 2014-11-07T08:19:27.028459Z. */
    public static String isoMicros(long epochMillis) {
        String text = Instant.ofEpochMilli(epochMillis).toString();
        String seconds = text.substring(0, 19);
        return seconds + "." + String.format("%03d", Math.floorMod(epochMillis, 1000)) + "000Z";
    }

    private String error(String message, String reason) {
        return json.createObjectNode().put("type", "error").put("message", message).put("reason", reason).toString();
    }
}
