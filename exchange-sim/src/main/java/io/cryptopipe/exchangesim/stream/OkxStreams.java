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

/** OKX's v5 public {@code trades} channel at {@code /okx}; a text {@code ping} is answered {@code pong}. */
public final class OkxStreams extends SimVenueStreams {
    public static final String EXCHANGE = "okx";

    public OkxStreams(TradeBroadcaster broadcaster, Set<String> markets, ObjectMapper json, int maxPendingFrames,
                      FaultPlan faults, ScheduledExecutorService timers) {
        super(EXCHANGE, broadcaster, markets, json, maxPendingFrames, faults, timers);
    }

    @Override
    Optional<String> pong(String message) {
        return message.equals("ping") ? Optional.of("pong") : Optional.empty();
    }

    @Override
    Optional<List<String>> subscribed(JsonNode request) {
        if (!"subscribe".equals(request.path("op").asText())) {
            return Optional.empty();
        }
        List<String> symbols = new ArrayList<>();
        for (JsonNode arg : request.path("args")) {
            if (!"trades".equals(arg.path("channel").asText())) {
                return Optional.empty();
            }
            symbols.add(arg.path("instId").asText());
        }
        return Optional.of(symbols);
    }

    @Override
    List<String> acknowledgements(JsonNode request, List<String> symbols) {
        return symbols.stream().map(symbol -> json.createObjectNode().put("event", "subscribe")
                .set("arg", json.createObjectNode().put("channel", "trades").put("instId", symbol)).toString()).toList();
    }

    @Override
    String refusal(String request, String reason) {
        return json.createObjectNode().put("event", "error").put("code", "60018").put("msg", reason).toString();
    }

    @Override
    public String trade(SimTrade trade) {
        String instrument = symbolOf(trade);
        return "{\"arg\":{\"channel\":\"trades\",\"instId\":\"" + instrument + "\"},\"data\":[{\"instId\":\"" + instrument
                + "\",\"tradeId\":\"" + trade.id() + "\",\"px\":\"" + trade.price() + "\",\"sz\":\"" + trade.quantity()
                + "\",\"side\":\"" + (trade.buyerMaker() ? "sell" : "buy") + "\",\"ts\":\"" + trade.tradeTimeMs()
                + "\",\"count\":\"1\"}]}";
    }
}
