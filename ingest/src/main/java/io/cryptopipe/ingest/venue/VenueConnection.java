package io.cryptopipe.ingest.venue;

import io.cryptopipe.ingest.feed.Backoff;
import io.cryptopipe.ingest.feed.FrameHandler;
import io.cryptopipe.ingest.feed.FrameHandoff;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.feed.ReceivedFrame;
import io.cryptopipe.ingest.feed.StreamState;
import io.cryptopipe.ingest.feed.StreamStatus;
import io.cryptopipe.ingest.trade.StreamKey;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket to a {@link VenueFeed} carrying all of its symbols: subscribes on every open, keeps the connection
 * alive with the venue's pings, and reopens it after a jittered backoff when it closes, fails or stays silent longer
 * than the stall timeout, subscribing again. Frames go through a {@link FrameHandoff}, so the handler runs on one
 * dispatch thread and sees the frames in the order they came; a full hand-off stops reading from the socket.
 */
public final class VenueConnection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(VenueConnection.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);
    private static final int QUEUE_CAPACITY = 10_000;

    private final VenueFeed feed;
    private final List<String> symbols;
    private final Duration stallTimeout;
    private final Backoff backoff;
    private final MicrosClock clock;
    private final Consumer<List<String>> onConnected;
    private final FrameHandoff handoff;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final ScheduledExecutorService timers;
    private final LongAdder framesReceived = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private WebSocket socket;
    /** Counts sockets, so that callbacks of a socket already replaced are ignored. */
    private long generation;
    private int failedAttempts;
    private boolean connecting;
    private boolean stopped;
    private volatile long lastMessageNanos = System.nanoTime();
    private volatile String lastError;

    /**
     * @param symbols     the venue's symbols, as it writes them
     * @param onConnected told the stream keys of the symbols after each open (trades may have passed unseen)
     */
    public VenueConnection(VenueFeed feed, List<String> symbols, Duration stallTimeout, Backoff backoff, MicrosClock clock,
                           FrameHandler handler, Consumer<List<String>> onConnected) {
        this.feed = feed;
        this.symbols = List.copyOf(symbols);
        this.stallTimeout = stallTimeout;
        this.backoff = backoff;
        this.clock = clock;
        this.onConnected = onConnected;
        this.handoff = new FrameHandoff(QUEUE_CAPACITY, handler, feed.exchange() + "-dispatch");
        this.timers = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, feed.exchange() + "-connection");
            thread.setDaemon(true);
            return thread;
        });
    }

    public String exchange() {
        return feed.exchange();
    }

    public List<String> symbols() {
        return symbols;
    }

    /** Whether the venue's REST history by trade id lets the sequencer fill this stream's gaps. */
    public boolean hasHistory() {
        return feed.history().isPresent();
    }

    /** Whether a reconnect takes the trades it missed from the venue's latest trades. */
    public boolean hasRecentTrades() {
        return feed.recentTrades().isPresent();
    }

    /** Connects in the background and returns at once. */
    public void start() {
        handoff.start();
        long checkMillis = Math.max(10, Math.min(1_000, stallTimeout.toMillis() / 4));
        timers.scheduleWithFixedDelay(this::checkStall, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
        long pingMillis = feed.pingInterval().toMillis();
        timers.scheduleWithFixedDelay(this::ping, pingMillis, pingMillis, TimeUnit.MILLISECONDS);
        LOG.info("Streaming {} symbols {} from {}", feed.exchange(), symbols, feed.wsUrl());
        timers.execute(this::connect);
    }

    public synchronized StreamStatus status() {
        StreamState state;
        if (stopped) {
            state = StreamState.STOPPED;
        } else if (socket != null) {
            state = StreamState.STREAMING;
        } else if (failedAttempts > 0) {
            state = StreamState.RETRYING;
        } else {
            state = StreamState.CONNECTING;
        }
        return new StreamStatus(state, socket == null || stopped ? 0 : 1, 1, lastError);
    }

    public long framesReceived() {
        return framesReceived.sum();
    }

    /** Connection attempts after the first one. */
    public long reconnects() {
        return reconnects.sum();
    }

    /** Closes the socket and stops reconnecting; frames already received still reach the handler. */
    public void stopConnection() {
        WebSocket open;
        synchronized (this) {
            stopped = true;
            open = socket;
            socket = null;
        }
        if (open != null) {
            open.abort();
        }
    }

    @Override
    public void close() {
        stopConnection();
        timers.shutdownNow();
        handoff.close(DRAIN_TIMEOUT);
    }

    private void connect() {
        long mine;
        synchronized (this) {
            if (stopped || connecting || socket != null) {
                return;
            }
            connecting = true;
            mine = ++generation;
        }
        http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT)
                .buildAsync(feed.wsUrl(), new Listener(mine))
                .whenComplete((ws, failure) -> {
                    if (failure != null) {
                        lost(mine, "cannot connect to " + feed.wsUrl() + ": " + rootMessage(failure));
                    } else {
                        opened(mine, ws);
                    }
                });
    }

    private void opened(long mine, WebSocket ws) {
        synchronized (this) {
            connecting = false;
            if (stopped || mine != generation) {
                ws.abort();
                return;
            }
            socket = ws;
            failedAttempts = 0;
            lastError = null;
            lastMessageNanos = System.nanoTime();
        }
        // Sent one after the other without blocking: this runs on the client's thread, which a cut connection could
        // otherwise hold forever.
        CompletableFuture<WebSocket> sent = CompletableFuture.completedFuture(ws);
        for (String message : feed.subscribeMessages(symbols)) {
            sent = sent.thenCompose(open -> open.sendText(message, true));
        }
        sent.whenComplete((open, failure) -> {
            if (failure != null) {
                lost(mine, "cannot subscribe: " + rootMessage(failure));
                return;
            }
            LOG.info("{} connected; subscribed to {}", feed.exchange(), symbols);
            onConnected.accept(symbols.stream().map(symbol -> StreamKey.of(feed.exchange(), symbol)).toList());
        });
    }

    private void lost(long mine, String problem) {
        Duration wait;
        synchronized (this) {
            if (mine != generation) {
                return;
            }
            WebSocket old = socket;
            socket = null;
            connecting = false;
            if (old != null) {
                old.abort();
            }
            if (stopped) {
                return;
            }
            generation++;
            failedAttempts++;
            lastError = problem;
            wait = backoff.delay(failedAttempts);
        }
        reconnects.increment();
        LOG.warn("{} stream: {}; reconnecting in {} ms", feed.exchange(), problem, wait.toMillis());
        try {
            timers.schedule(this::connect, wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void checkStall() {
        long mine;
        synchronized (this) {
            if (socket == null) {
                return;
            }
            mine = generation;
        }
        long silentNanos = System.nanoTime() - lastMessageNanos;
        if (silentNanos > stallTimeout.toNanos()) {
            lost(mine, "no message for " + TimeUnit.NANOSECONDS.toMillis(silentNanos) + " ms");
        }
    }

    private void ping() {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws == null) {
            return;
        }
        feed.pingMessage().ifPresentOrElse(text -> ws.sendText(text, true), () -> ws.sendPing(ByteBuffer.allocate(0)));
    }

    private final class Listener implements WebSocket.Listener {
        private final long mine;
        private StringBuilder partial = new StringBuilder();

        Listener(long mine) {
            this.mine = mine;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            lastMessageNanos = System.nanoTime();
            partial.append(data);
            if (!last) {
                ws.request(1);
                return null;
            }
            ReceivedFrame frame = new ReceivedFrame(partial.toString(), clock.nowMicros(), feed.wsUrl());
            partial = new StringBuilder();
            framesReceived.increment();
            deliver(ws, frame);
            return null;
        }

        private void deliver(WebSocket ws, ReceivedFrame frame) {
            if (handoff.offer(frame)) {
                ws.request(1);
            } else {
                handoff.whenSpace(() -> deliver(ws, frame));
            }
        }

        @Override
        public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
            lastMessageNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
            lastMessageNanos = System.nanoTime();
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            lost(mine, "closed by the server (" + statusCode + (reason.isEmpty() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(mine, "connection failed: " + rootMessage(error));
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
