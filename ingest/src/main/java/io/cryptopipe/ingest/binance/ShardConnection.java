package io.cryptopipe.ingest.binance;

import io.cryptopipe.ingest.feed.FrameHandoff;
import io.cryptopipe.ingest.feed.ReceivedFrame;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket URL kept open: connects, reassembles messages, hands them off, and on any loss waits a jittered
 * backoff and opens the same URL again (which resubscribes its streams, as they are part of the URL).
 *
 * <p>Each attempt gets its own {@link SocketListener}; callbacks from a listener that is no longer current belong to
 * a socket already given up and are ignored. The one exception is renewal (a {@code serverShutdown} notice or the
 * connection reaching its lifetime): the old connection then stays {@code retiring} and keeps delivering until the
 * replacement is open, so the switch-over loses nothing; the overlap's duplicates are dropped downstream.
 */
final class ShardConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ShardConnection.class);
    /** Binance messages are a few hundred bytes; anything this long is a broken or hostile peer. */
    private static final int MAX_MESSAGE_CHARS = 1 << 20;
    /** RFC 6455 status for a connection that ended without a close frame. */
    private static final int ABNORMAL_CLOSURE = 1006;

    enum Phase { CONNECTING, OPEN, WAITING, STOPPED }

    private final URI uri;
    private final URI endpoint;
    private final List<String> symbols;
    private final ShardContext context;
    /** This connection's own queue and dispatch thread, so that connections are parsed and published in parallel. */
    private final FrameHandoff handoff;
    private final long stallNanos;

    private Phase phase = Phase.CONNECTING;
    private volatile SocketListener current;
    private volatile SocketListener retiring;
    private ScheduledFuture<?> pendingRetry;
    private ScheduledFuture<?> renewal;
    private volatile int consecutiveFailures;
    private volatile long lastDataNanos;

    ShardConnection(URI uri, List<String> symbols, ShardContext context, FrameHandoff handoff) {
        this.uri = uri;
        this.handoff = handoff;
        this.endpoint = BinanceStreamUrls.endpoint(uri);
        this.symbols = List.copyOf(symbols);
        this.context = context;
        this.stallNanos = context.settings().stallTimeout().toNanos();
    }

    URI uri() {
        return uri;
    }

    List<String> symbols() {
        return symbols;
    }

    FrameHandoff handoff() {
        return handoff;
    }

    void connect() {
        SocketListener listener = new SocketListener();
        synchronized (this) {
            if (phase == Phase.STOPPED) {
                return;
            }
            phase = Phase.CONNECTING;
            current = listener;
        }
        context.http().newWebSocketBuilder()
                .connectTimeout(context.settings().connectTimeout())
                .buildAsync(uri, listener)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        connectFailed(listener, error);
                    }
                });
    }

    synchronized Phase phase() {
        return phase;
    }

    /** True while the shard has failed and not yet streamed again. */
    boolean retrying() {
        return consecutiveFailures > 0;
    }

    void checkStall(long nowNanos) {
        SocketListener listener;
        synchronized (this) {
            listener = current;
            if (phase != Phase.OPEN || listener == null || listener.parked != null || nowNanos - lastDataNanos < stallNanos) {
                return;
            }
        }
        lost(listener, "sent no data for " + readable(context.settings().stallTimeout()));
    }

    void stop() {
        WebSocket open;
        WebSocket old;
        synchronized (this) {
            phase = Phase.STOPPED;
            open = current == null ? null : current.socket;
            old = retiring == null ? null : retiring.socket;
            current = null;
            retiring = null;
            cancel(pendingRetry);
            cancel(renewal);
        }
        closeGently(open, "client closing");
        closeGently(old, "client closing");
    }

    private void opened(SocketListener listener, WebSocket ws) {
        SocketListener old;
        synchronized (this) {
            if (listener != current || phase == Phase.STOPPED) {
                ws.abort();
                return;
            }
            listener.socket = ws;
            phase = Phase.OPEN;
            lastDataNanos = System.nanoTime();
            old = retiring;
            retiring = null;
            cancel(renewal);
            long lifetime = context.settings().connectionLifetime().toMillis();
            renewal = context.scheduler().schedule(() -> renew(listener, "reached its lifetime of "
                    + readable(context.settings().connectionLifetime())), lifetime, TimeUnit.MILLISECONDS);
        }
        if (old != null) {
            closeGently(old.socket, "replaced");
            LOG.info("Switched over to a new connection to {}", endpoint);
        } else {
            LOG.info("Connected to {}", endpoint);
        }
        ws.request(1);
        context.onConnected().accept(symbols);
    }

    /** Opens a replacement while {@code listener}'s connection keeps streaming; it is closed once the new one is open. */
    private void renew(SocketListener listener, String why) {
        synchronized (this) {
            if (listener != current || phase != Phase.OPEN || retiring != null) {
                return;
            }
            retiring = listener;
            cancel(renewal);
        }
        context.renewals().increment();
        LOG.info("Binance stream {} {}; opening its replacement before closing it", endpoint, why);
        connect();
    }

    private void received(SocketListener listener, WebSocket ws, String text) {
        if (listener != current && listener != retiring) {
            return;
        }
        context.framesReceived().increment();
        if (ServerShutdownNotice.matches(text)) {
            renew(listener, "announced serverShutdown");
            ws.request(1);
            return;
        }
        ReceivedFrame frame = new ReceivedFrame(text, context.clock().nowMicros(), endpoint);
        if (listener == current) {
            lastDataNanos = System.nanoTime();
            if (consecutiveFailures != 0) {
                synchronized (this) {
                    consecutiveFailures = 0;
                }
            }
        }
        if (handoff.offer(frame)) {
            ws.request(1);
            return;
        }
        synchronized (this) {
            listener.parked = frame;
        }
        handoff.whenSpace(() -> retryParked(listener));
    }

    /** Runs when the hand-off queue has room again; never called while holding this shard's lock. */
    private void retryParked(SocketListener listener) {
        ReceivedFrame frame;
        synchronized (this) {
            frame = listener.parked;
        }
        if (frame == null) {
            return;
        }
        if (!handoff.offer(frame)) {
            handoff.whenSpace(() -> retryParked(listener));
            return;
        }
        WebSocket resume;
        synchronized (this) {
            listener.parked = null;
            resume = listener == current || listener == retiring ? listener.socket : null;
            lastDataNanos = System.nanoTime();
        }
        if (resume != null) {
            resume.request(1);
        }
    }

    private void connectFailed(SocketListener listener, Throwable error) {
        OptionalInt status = ConnectFailures.handshakeStatus(error);
        if (status.isPresent() && status.getAsInt() == ConnectFailures.UNAVAILABLE_FOR_LEGAL_REASONS) {
            synchronized (this) {
                if (listener != current) {
                    return;
                }
                phase = Phase.STOPPED;
                current = null;
            }
            context.onFatal().accept(ConnectFailures.restrictedLocation(endpoint));
            return;
        }
        String cause = status.isPresent()
                ? "the WebSocket upgrade was answered with HTTP " + status.getAsInt()
                : ConnectFailures.describe(error, endpoint);
        retryLater(listener, delay -> "Cannot reach Binance at " + endpoint + ": " + cause + "; retrying in " + delay
                + " (offline? --source sim runs the built-in simulator)");
    }

    private void lost(SocketListener listener, String what) {
        WebSocket old;
        synchronized (this) {
            if (listener == null || phase == Phase.STOPPED) {
                return;
            }
            if (listener == retiring) {
                // Its replacement is already being opened; nothing to retry.
                retiring = null;
                old = listener.socket;
            } else if (listener == current) {
                old = listener.socket;
                listener.socket = null;
                cancel(renewal);
            } else {
                return;
            }
        }
        if (old != null) {
            old.abort();
        }
        if (listener != current) {
            return;
        }
        retryLater(listener, delay -> "Binance stream " + endpoint + " " + what + "; reconnecting in " + delay);
    }

    private void retryLater(SocketListener listener, Function<String, String> message) {
        String line;
        synchronized (this) {
            if (listener != current || phase == Phase.STOPPED) {
                return;
            }
            current = null;
            phase = Phase.WAITING;
            int failures = consecutiveFailures + 1;
            consecutiveFailures = failures;
            Duration delay = context.settings().backoff().delay(failures);
            line = message.apply(readable(delay));
            pendingRetry = context.scheduler().schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
        context.lastError().set(line);
        LOG.warn(line);
    }

    private void reconnect() {
        context.reconnects().increment();
        connect();
    }

    private static void cancel(ScheduledFuture<?> future) {
        if (future != null) {
            future.cancel(false);
        }
    }

    private static void closeGently(WebSocket socket, String reason) {
        if (socket == null) {
            return;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, reason)
                .toCompletableFuture()
                .orTimeout(1, TimeUnit.SECONDS)
                .whenComplete((ws, error) -> socket.abort());
    }

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private final class SocketListener implements WebSocket.Listener {
        private final StringBuilder fragments = new StringBuilder();
        /** Guarded by the shard's lock. */
        private WebSocket socket;
        /** A frame the full hand-off queue could not take; this socket is not read until it is taken. */
        private ReceivedFrame parked;

        @Override
        public void onOpen(WebSocket ws) {
            opened(this, ws);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            // The CharSequence is only ours until we return, so it is copied either way.
            if (!last) {
                fragments.append(data);
                if (fragments.length() > MAX_MESSAGE_CHARS) {
                    fragments.setLength(0);
                    lost(this, "sent a message longer than " + MAX_MESSAGE_CHARS + " characters");
                } else {
                    ws.request(1);
                }
                return null;
            }
            String text;
            if (fragments.length() == 0) {
                text = data.toString();
            } else {
                text = fragments.append(data).toString();
                fragments.setLength(0);
            }
            received(this, ws, text);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        /** The JDK client answers every ping with a pong carrying its payload by itself; this keeps messages flowing. */
        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            if (statusCode == ABNORMAL_CLOSURE) {
                lost(this, "was cut off without a close handshake (" + statusCode + ")");
            } else {
                String detail = reason == null || reason.isBlank() ? String.valueOf(statusCode) : statusCode + " " + reason;
                lost(this, "was closed by the server (" + detail + ")");
            }
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(this, "failed: " + ConnectFailures.describe(error, endpoint));
        }
    }
}
