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

/** Bybit's v5 spot {@code publicTrade.<symbol>} topics at {@code /bybit}; numeric spot trade ids. */
public final class BybitStreams extends SimVenueStreams {
    public static final String EXCHANGE = "bybit";
    private static final String TOPIC = "publicTrade.";

    public BybitStreams(TradeBroadcaster broadcaster, Set<String> markets, ObjectMapper json, int maxPendingFrames,
                        FaultPlan faults, ScheduledExecutorService timers) {
        super(EXCHANGE, broadcaster, markets, json, maxPendingFrames, faults, timers);
    }

    @Override
    Optional<String> pong(String message) {
        return message.contains("\"ping\"") ? Optional.of("{\"success\":true,\"ret_msg\":\"pong\",\"op\":\"ping\"}") : Optional.empty();
    }

    @Override
    Optional<List<String>> subscribed(JsonNode request) {
        if (!"subscribe".equals(request.path("op").asText())) {
            return Optional.empty();
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode topic : request.path("args")) {
            if (!topic.asText().startsWith(TOPIC)) {
                return Optional.empty();
            }
            symbols.add(topic.asText().substring(TOPIC.length()));
        }
        return Optional.of(symbols);
    }

    @Override
    List<String> acknowledgements(JsonNode request, List<String> symbols) {
        return List.of("{\"success\":true,\"ret_msg\":\"subscribe\",\"op\":\"subscribe\"}");
    }

    @Override
    String refusal(String request, String reason) {
        return json.createObjectNode().put("success", false).put("ret_msg", reason).put("op", "subscribe").toString();
    }

    @Override
    public String trade(SimTrade trade) {
        String symbol = symbolOf(trade);
        return "{\"topic\":\"" + TOPIC + symbol + "\",\"type\":\"snapshot\",\"ts\":" + trade.tradeTimeMs() + ",\"data\":[{\"T\":"
                + trade.tradeTimeMs() + ",\"s\":\"" + symbol + "\",\"S\":\"" + (trade.buyerMaker() ? "Sell" : "Buy")
                + "\",\"v\":\"" + trade.quantity() + "\",\"p\":\"" + trade.price() + "\",\"L\":\"PlusTick\",\"i\":\""
                + trade.id() + "\",\"BT\":false}]}";
    }
}
