package io.cryptopipe.ingest.binance;

import io.cryptopipe.ingest.feed.ReceivedFrame;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
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
 * a socket already given up and are ignored.
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
    private final ShardContext context;
    private final long stallNanos;

    private Phase phase = Phase.CONNECTING;
    private volatile SocketListener current;
    private WebSocket socket;
    private ScheduledFuture<?> pendingRetry;
    private volatile int consecutiveFailures;
    private volatile long lastDataNanos;
    /** A frame the full hand-off queue could not take; its socket is not read until it is taken. */
    private ReceivedFrame parked;
    private WebSocket parkedSocket;

    ShardConnection(URI uri, ShardContext context) {
        this.uri = uri;
        this.endpoint = BinanceStreamUrls.endpoint(uri);
        this.context = context;
        this.stallNanos = context.settings().stallTimeout().toNanos();
    }

    URI uri() {
        return uri;
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
            if (phase != Phase.OPEN || parked != null || nowNanos - lastDataNanos < stallNanos) {
                return;
            }
            listener = current;
        }
        lost(listener, "sent no data for " + readable(context.settings().stallTimeout()));
    }

    void stop() {
        WebSocket open;
        synchronized (this) {
            phase = Phase.STOPPED;
            current = null;
            if (pendingRetry != null) {
                pendingRetry.cancel(false);
            }
            open = socket;
            socket = null;
        }
        if (open != null) {
            open.sendClose(WebSocket.NORMAL_CLOSURE, "client closing")
                    .toCompletableFuture()
                    .orTimeout(1, TimeUnit.SECONDS)
                    .whenComplete((ws, error) -> open.abort());
        }
    }

    private void opened(SocketListener listener, WebSocket ws) {
        synchronized (this) {
            if (listener != current || phase == Phase.STOPPED) {
                ws.abort();
                return;
            }
            socket = ws;
            phase = Phase.OPEN;
            lastDataNanos = System.nanoTime();
        }
        LOG.info("Connected to {}", endpoint);
        ws.request(1);
    }

    private void received(SocketListener listener, WebSocket ws, String text) {
        if (listener != current) {
            return;
        }
        ReceivedFrame frame = new ReceivedFrame(text, context.clock().nowMicros(), endpoint);
        lastDataNanos = System.nanoTime();
        if (consecutiveFailures != 0) {
            synchronized (this) {
                consecutiveFailures = 0;
            }
        }
        context.framesReceived().increment();
        if (context.handoff().offer(frame)) {
            ws.request(1);
            return;
        }
        synchronized (this) {
            parked = frame;
            parkedSocket = ws;
        }
        context.handoff().whenSpace(this::retryParked);
    }

    /** Runs when the hand-off queue has room again; never called while holding this shard's lock. */
    private void retryParked() {
        ReceivedFrame frame;
        synchronized (this) {
            frame = parked;
        }
        if (frame == null) {
            return;
        }
        if (!context.handoff().offer(frame)) {
            context.handoff().whenSpace(this::retryParked);
            return;
        }
        WebSocket resume;
        synchronized (this) {
            parked = null;
            resume = parkedSocket == socket ? parkedSocket : null;
            parkedSocket = null;
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
            if (listener == null || listener != current || phase == Phase.STOPPED) {
                return;
            }
            old = socket;
            socket = null;
        }
        if (old != null) {
            old.abort();
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

    private static String readable(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    private final class SocketListener implements WebSocket.Listener {
        private final StringBuilder fragments = new StringBuilder();

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

        /** The JDK client answers every ping with a pong by itself; this only keeps the messages flowing. */
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
