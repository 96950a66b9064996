package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Binance's two stream endpoints: raw {@code /ws/<stream>[/<stream>...]} (bare events) and combined
 * {@code /stream?streams=<stream>/<stream>} (events wrapped with their stream name). Any stream name is accepted in
 * the URL; those that do not trade here simply stay silent, as on Binance.
 */
public final class StreamEndpoints {

    /** Binance pings every 20 s and drops clients that stay silent for a minute. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(20);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    private final TradeBroadcaster broadcaster;
    private final ControlRequests controlRequests;
    private final int maxPendingFrames;

    /** @param maxPendingFrames unsent frames a client may accumulate before it is disconnected */
    public StreamEndpoints(TradeBroadcaster broadcaster, Set<String> tradableStreams, ObjectMapper json,
                           int maxPendingFrames) {
        this.broadcaster = broadcaster;
        this.controlRequests = new ControlRequests(json, tradableStreams, broadcaster);
        this.maxPendingFrames = maxPendingFrames;
    }

    public void mapOnto(ServerWebSocketContainer container) {
        container.setIdleTimeout(IDLE_TIMEOUT);
        container.addMapping("/ws/*", (request, response, callback) -> session(rawStreams(request), false));
        container.addMapping("/stream", (request, response, callback) -> session(combinedStreams(request), true));
    }

    private StreamSession session(List<String> streams, boolean combined) {
        return new StreamSession(broadcaster, controlRequests, streams, combined, maxPendingFrames);
    }

    private static List<String> rawStreams(ServerUpgradeRequest request) {
        String path = request.getHttpURI().getDecodedPath();
        String streams = path.length() > "/ws/".length() ? path.substring("/ws/".length()) : "";
        return split(streams);
    }

    private static List<String> combinedStreams(ServerUpgradeRequest request) {
        String streams = Request.extractQueryParameters(request).getValue("streams");
        return split(streams == null ? "" : streams);
    }

    private static List<String> split(String streams) {
        return Arrays.stream(streams.split("/")).filter(s -> !s.isEmpty()).distinct().toList();
    }
}
