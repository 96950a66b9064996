package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/** Kraken's WebSocket v2 {@code trade} channel at {@code /kraken}; prices and quantities as JSON numbers. */
public final class KrakenStreams extends SimVenueStreams {
    public static final String EXCHANGE = "kraken";

    public KrakenStreams(TradeBroadcaster broadcaster, Set<String> markets, ObjectMapper json, int maxPendingFrames,
                         FaultPlan faults, ScheduledExecutorService timers) {
        super(EXCHANGE, broadcaster, markets, json, maxPendingFrames, faults, timers);
    }

    @Override
    Optional<String> pong(String message) {
        return message.contains("\"ping\"") ? Optional.of("{\"method\":\"pong\"}") : Optional.empty();
    }

    @Override
    Optional<List<String>> subscribed(JsonNode request) {
        if (!"subscribe".equals(request.path("method").asText()) || !"trade".equals(request.path("params").path("channel").asText())) {
            return Optional.empty();
        }
        List<String> symbols = new ArrayList<>();
        request.path("params").path("symbol").forEach(symbol -> symbols.add(symbol.asText()));
        return Optional.of(symbols);
    }

    @Override
    List<String> acknowledgements(JsonNode request, List<String> symbols) {
        return symbols.stream().map(symbol -> json.createObjectNode().put("method", "subscribe").put("success", true)
                .set("result", json.createObjectNode().put("channel", "trade").put("symbol", symbol)).toString()).toList();
    }

    @Override
    String refusal(String request, String reason) {
        return json.createObjectNode().put("method", "subscribe").put("success", false).put("error", reason).toString();
    }

    @Override
    public String trade(SimTrade trade) {
        return "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"" + symbolOf(trade) + "\",\"side\":\""
                + (trade.buyerMaker() ? "sell" : "buy") + "\",\"price\":" + trade.price() + ",\"qty\":" + trade.quantity()
                + ",\"ord_type\":\"market\",\"trade_id\":" + trade.id() + ",\"timestamp\":\""
                + CoinbaseStreams.isoMicros(trade.tradeTimeMs()) + "\"}]}";
    }
}
