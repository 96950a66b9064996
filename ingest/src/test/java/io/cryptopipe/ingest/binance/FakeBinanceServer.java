package io.cryptopipe.ingest.binance;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A loopback stand-in for Binance's stream endpoint that a test steers: it records each upgrade request, greets
 * every new connection with a list of frames, and can then send, fragment, ping, go silent, drop connections or
 * refuse upgrades with an HTTP status.
 */
final class FakeBinanceServer implements AutoCloseable {
    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<String> upgradeRequests = new CopyOnWriteArrayList<>();
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();
    private final List<String> pongs = new CopyOnWriteArrayList<>();
    private volatile List<String> greeting = List.of();
    private volatile int refusalStatus;

    FakeBinanceServer start() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        context.setHandler(WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(Duration.ofMinutes(1));
            container.addMapping("/stream", (request, response, callback) -> {
                upgradeRequests.add(request.getHttpURI().getPathQuery());
                int status = refusalStatus;
                if (status != 0) {
                    Response.writeError(request, response, callback, status);
                    return null;
                }
                return new Endpoint();
            });
        }));
        server.setHandler(context);
        server.start();
        return this;
    }

    URI wsBase() {
        return URI.create("ws://127.0.0.1:" + connector.getLocalPort());
    }

    /** Frames every new connection receives as soon as it opens; after them the connection stays silent. */
    void greetEachConnectionWith(List<String> frames) {
        greeting = List.copyOf(frames);
    }

    void refuseUpgradesWith(int httpStatus) {
        refusalStatus = httpStatus;
    }

    /** Path and query of every upgrade request, in arrival order. */
    List<String> upgradeRequests() {
        return List.copyOf(upgradeRequests);
    }

    int openConnections() {
        return (int) sessions.stream().filter(Session::isOpen).count();
    }

    void sendToAll(String frame) {
        sessions.forEach(session -> session.sendText(frame, Callback.NOOP));
    }

    /** Sends one text message as {@code parts} WebSocket frames (a first frame and continuations). */
    void sendFragmentedToAll(String message, int parts) throws Exception {
        int step = (message.length() + parts - 1) / parts;
        for (Session session : sessions) {
            for (int from = 0; from < message.length(); from += step) {
                int to = Math.min(from + step, message.length());
                Callback.Completable sent = new Callback.Completable();
                session.sendPartialText(message.substring(from, to), to == message.length(), sent);
                sent.get(5, TimeUnit.SECONDS);
            }
        }
    }

    void pingAll(String payload) {
        sessions.forEach(session -> session.sendPing(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)), Callback.NOOP));
    }

    List<String> pongsReceived() {
        return List.copyOf(pongs);
    }

    /** Cuts every connection without a close handshake, as a network failure would. */
    void dropAll() {
        sessions.forEach(Session::disconnect);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("test server did not stop", e);
        }
    }

    /** Public because Jetty invokes listener methods through method handles. */
    public final class Endpoint implements Session.Listener.AutoDemanding {
        private Session session;

        @Override
        public void onWebSocketOpen(Session opened) {
            session = opened;
            sessions.add(opened);
            greeting.forEach(frame -> opened.sendText(frame, Callback.NOOP));
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            pongs.add(StandardCharsets.UTF_8.decode(payload).toString());
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            sessions.remove(session);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            sessions.remove(session);
        }
    }
}
