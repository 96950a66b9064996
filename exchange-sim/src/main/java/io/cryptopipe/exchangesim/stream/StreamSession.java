package io.cryptopipe.exchangesim.stream;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection to {@code /ws} or {@code /stream}. Sends never block: frames queue in Jetty, and a client
 * that lets more than {@code maxPendingFrames} pile up is cut off, as Binance does with slow consumers, so it can
 * never hold up the clock or other clients.
 *
 * <p>Trade frames are batched and written once per clock tick ({@link #flushTrades}), many to a TCP write, as an
 * exchange under load sends them: one write per frame cost the clock thread a system call per trade, most of its
 * time at 100k trades/s (docs/BENCHMARKS.md, e2e).
 */
public final class StreamSession implements Session.Listener.AutoDemanding {

    private static final Logger LOG = LoggerFactory.getLogger(StreamSession.class);
    /** Bytes of batched frames Jetty gathers into one write: ~150 trade frames. */
    private static final int BATCH_BUFFER_BYTES = 32 * 1024;

    private final TradeBroadcaster broadcaster;
    private final SessionControl controlRequests;
    /** Null on Binance connections. */
    private final VenueFrames venueFrames;
    private final List<String> urlStreams;
    private final int maxPendingFrames;
    private final Set<String> streams = new LinkedHashSet<>();
    private final AtomicInteger pendingFrames = new AtomicInteger();
    private final AtomicBoolean cutOff = new AtomicBoolean();
    private final boolean micros;
    private final SessionFaults faults;
    private volatile boolean combined;
    private volatile Session session;
    /** Null when the session is not Jetty's own (then every frame is written on its own). */
    private volatile CoreSession batchingSession;
    /** Whether trade frames were batched since the last flush; only the clock thread touches it. */
    private boolean unflushed;

    /**
     * @param urlStreams the streams named in the connect URL
     * @param combined   whether events are wrapped as {@code {"stream":..,"data":..}} (true on {@code /stream})
     */
    StreamSession(TradeBroadcaster broadcaster, SessionControl controlRequests, List<String> urlStreams,
                  boolean combined, int maxPendingFrames) {
        this(broadcaster, controlRequests, urlStreams, combined, false, maxPendingFrames, SessionFaults.NONE);
    }

    /** @param micros whether times are sent in microseconds ({@code timeUnit=MICROSECOND}) */
    StreamSession(TradeBroadcaster broadcaster, SessionControl controlRequests, List<String> urlStreams,
                  boolean combined, boolean micros, int maxPendingFrames, SessionFaults faults) {
        this(broadcaster, controlRequests, urlStreams, combined, micros, maxPendingFrames, faults, null);
    }

    /** @param venueFrames how trades are written on a venue's connection; null for Binance's layout */
    StreamSession(TradeBroadcaster broadcaster, SessionControl controlRequests, List<String> urlStreams,
                  boolean combined, boolean micros, int maxPendingFrames, SessionFaults faults, VenueFrames venueFrames) {
        this.venueFrames = venueFrames;
        this.broadcaster = broadcaster;
        this.controlRequests = controlRequests;
        this.urlStreams = List.copyOf(urlStreams);
        this.combined = combined;
        this.micros = micros;
        this.maxPendingFrames = maxPendingFrames;
        this.faults = faults;
    }

    @Override
    public void onWebSocketOpen(Session openedSession) {
        if (openedSession instanceof WebSocketSession jetty) {
            openedSession.setOutputBufferSize(BATCH_BUFFER_BYTES);
            batchingSession = jetty.getCoreSession();
        }
        session = openedSession;
        broadcaster.opened(this);
        broadcaster.subscribe(this, urlStreams);
        faults.opened(this);
    }

    @Override
    public void onWebSocketText(String message) {
        controlRequests.handle(this, message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        faults.closed(this);
        broadcaster.closed(this);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("Stream session {} failed", remoteAddress(), cause);
    }

    boolean combined() {
        return combined;
    }

    boolean micros() {
        return micros;
    }

    /** Null on a Binance connection. */
    VenueFrames venueFrames() {
        return venueFrames;
    }

    /**
     * Queues a trade frame, or not, or twice, or with a broken one after it, as the fault plan says; it goes out at
     * the next {@link #flushTrades}. Called by the clock thread only.
     */
    void sendTrade(String frame) {
        for (String out : faults.framesFor(this, frame)) {
            send(out, true);
        }
    }

    /** Writes the trade frames queued since the last call; called by the clock thread at the end of each tick. */
    void flushTrades() {
        CoreSession batching = batchingSession;
        if (unflushed && batching != null && !cutOff.get()) {
            batching.flush(org.eclipse.jetty.util.Callback.NOOP);
        }
        unflushed = false;
    }

    /** Drops the TCP connection without a close frame. */
    void disconnect() {
        Session current = session;
        if (current != null) {
            current.disconnect();
        }
    }

    void combined(boolean wrapEvents) {
        combined = wrapEvents;
    }

    /** Subscribed streams in the order they were added. */
    synchronized List<String> streams() {
        return new ArrayList<>(streams);
    }

    synchronized boolean hasStreams() {
        return !streams.isEmpty();
    }

    synchronized void addStreams(List<String> added) {
        streams.addAll(added);
    }

    synchronized void removeStreams(List<String> removed) {
        removed.forEach(streams::remove);
    }

    /** Sends a text frame now (after any batched ones) without blocking; cuts the client off if its backlog exceeds the bound. */
    void send(String frame) {
        send(frame, false);
    }

    private void send(String frame, boolean batch) {
        Session current = session;
        if (current == null || cutOff.get()) {
            return;
        }
        if (pendingFrames.incrementAndGet() > maxPendingFrames) {
            cutOffSlowConsumer(current);
            return;
        }
        CoreSession batching = batchingSession;
        if (batch && batching != null) {
            unflushed = true;
            batching.sendFrame(new Frame(OpCode.TEXT, frame), org.eclipse.jetty.util.Callback.from(
                    pendingFrames::decrementAndGet, cause -> pendingFrames.decrementAndGet()), true);
            return;
        }
        current.sendText(frame, new Callback() {
            @Override
            public void succeed() {
                pendingFrames.decrementAndGet();
            }

            @Override
            public void fail(Throwable cause) {
                pendingFrames.decrementAndGet();
            }
        });
    }

    void ping() {
        Session current = session;
        if (current != null && current.isOpen()) {
            current.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }

    /** Starts a clean close handshake; {@code onClosed} runs once the close frame is sent or has failed. */
    void close(int statusCode, String reason, Runnable onClosed) {
        Session current = session;
        if (current == null || !current.isOpen()) {
            onClosed.run();
            return;
        }
        current.close(statusCode, reason, Callback.from(onClosed, cause -> onClosed.run()));
    }

    private SocketAddress remoteAddress() {
        Session current = session;
        return current == null ? null : current.getRemoteSocketAddress();
    }

    private void cutOffSlowConsumer(Session current) {
        if (cutOff.compareAndSet(false, true)) {
            LOG.info("Disconnecting slow consumer {}: more than {} frames unsent", current.getRemoteSocketAddress(),
                    maxPendingFrames);
            broadcaster.closed(this);
            current.disconnect();
        }
    }
}
