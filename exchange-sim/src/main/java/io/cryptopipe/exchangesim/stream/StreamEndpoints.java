package io.cryptopipe.exchangesim.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.exchangesim.FaultPlan;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Binance's two stream endpoints: raw {@code /ws/<stream>[/<stream>...]} (bare events) and combined
 * {@code /stream?streams=<stream>/<stream>} (events wrapped with their stream name). Any stream name is accepted in
 * the URL; those that do not trade here simply stay silent, as on Binance.
 */
public final class StreamEndpoints {

    /** Binance pings every 20 s and drops clients that stay silent for a minute. */
    public static final Duration PING_INTERVAL = Duration.ofSeconds(20);
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);
    private static final int HTTP_UNAVAILABLE_FOR_LEGAL_REASONS = 451;

    private final TradeBroadcaster broadcaster;
    private final ControlRequests controlRequests;
    private final int maxPendingFrames;
    private final SessionFaults faults;
    private final boolean refuseWithHttp451;

    /** @param maxPendingFrames unsent frames a client may accumulate before it is disconnected */
    public StreamEndpoints(TradeBroadcaster broadcaster, Set<String> tradableStreams, ObjectMapper json,
                           int maxPendingFrames) {
        this(broadcaster, tradableStreams, json, maxPendingFrames, FaultPlan.NONE, null);
    }

    /** @param timers runs the plan's per-connection timers */
    public StreamEndpoints(TradeBroadcaster broadcaster, Set<String> tradableStreams, ObjectMapper json,
                           int maxPendingFrames, FaultPlan faults, ScheduledExecutorService timers) {
        this.broadcaster = broadcaster;
        this.controlRequests = new ControlRequests(json, tradableStreams, broadcaster);
        this.maxPendingFrames = maxPendingFrames;
        this.faults = new SessionFaults(faults, timers, System::currentTimeMillis);
        this.refuseWithHttp451 = faults.refuseWithHttp451();
    }

    public void mapOnto(ServerWebSocketContainer container) {
        container.setIdleTimeout(IDLE_TIMEOUT);
        container.addMapping("/ws/*", (request, response, callback) -> {
            if (refused(request, response, callback)) {
                return null;
            }
            return session(rawStreams(request), false, micros(request));
        });
        container.addMapping("/stream", (request, response, callback) -> {
            if (refused(request, response, callback)) {
                return null;
            }
            return session(combinedStreams(request), true, micros(request));
        });
    }

    private boolean refused(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        if (refuseWithHttp451) {
            Response.writeError(request, response, callback, HTTP_UNAVAILABLE_FOR_LEGAL_REASONS,
                    "Service unavailable from a restricted location according to 'b. Eligibility' in https://www.binance.com/en/terms");
            return true;
        }
        return false;
    }

    private StreamSession session(List<String> streams, boolean combined, boolean micros) {
        return new StreamSession(broadcaster, controlRequests, streams, combined, micros, maxPendingFrames, faults);
    }

    private static boolean micros(ServerUpgradeRequest request) {
        return "MICROSECOND".equalsIgnoreCase(Request.extractQueryParameters(request).getValue("timeUnit"));
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
