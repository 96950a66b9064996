package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.exchangesim.FaultPlan;
import io.cryptopipe.exchangesim.SimTrade;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A venue's WebSocket at {@code /<exchange>} that subscribes by message and pushes a trade per frame, with the same
 * faults as Binance's streams (drops, duplicates, broken frames, disconnects, stalls). Subclasses speak the venue:
 * what a subscribe request names, what the venue answers and how it writes a trade.
 */
abstract class SimVenueStreams implements SessionControl, VenueFrames {

    private final String exchange;
    private final TradeBroadcaster broadcaster;
    private final Set<String> markets;
    private final int maxPendingFrames;
    private final SessionFaults faults;
    final ObjectMapper json;

    /** @param markets the simulator's markets of this venue, {@code exchange:SYMBOL} */
    SimVenueStreams(String exchange, TradeBroadcaster broadcaster, Set<String> markets, ObjectMapper json,
                    int maxPendingFrames, FaultPlan faults, ScheduledExecutorService timers) {
        this.exchange = exchange;
        this.broadcaster = broadcaster;
        this.markets = Set.copyOf(markets);
        this.json = json;
        this.maxPendingFrames = maxPendingFrames;
        this.faults = new SessionFaults(faults, timers, System::currentTimeMillis);
    }

    public final void mapOnto(ServerWebSocketContainer container) {
        container.addMapping("/" + exchange, (request, response, callback) ->
                new StreamSession(broadcaster, this, List.of(), false, false, maxPendingFrames, faults, this));
    }

    @Override
    public final void handle(StreamSession session, String message) {
        Optional<String> pong = pong(message);
        if (pong.isPresent()) {
            session.send(pong.get());
            return;
        }
        JsonNode request;
        try {
            request = json.readTree(message);
        } catch (JsonProcessingException e) {
            session.send(refusal(message, "malformed JSON"));
            return;
        }
        Optional<List<String>> symbols = request == null ? Optional.empty() : subscribed(request);
        if (symbols.isEmpty()) {
            session.send(refusal(message, "unsupported request"));
            return;
        }
        List<String> wanted = new ArrayList<>();
        for (String symbol : symbols.get()) {
            String market = exchange + ":" + symbol;
            if (!markets.contains(market)) {
                session.send(refusal(message, symbol + " is not traded here"));
                return;
            }
            wanted.add(market);
        }
        acknowledgements(request, symbols.get()).forEach(session::send);
        broadcaster.subscribe(session, wanted);
    }

    /** The answer to a keep-alive message, if it is one. */
    abstract Optional<String> pong(String message);

    /** The venue symbols a subscribe request names; empty if it is not one. */
    abstract Optional<List<String>> subscribed(JsonNode request);

    abstract List<String> acknowledgements(JsonNode request, List<String> symbols);

    abstract String refusal(String request, String reason);

    static String symbolOf(SimTrade trade) {
        return VenueSymbols.venueSymbolOf(trade.symbol());
    }
}
