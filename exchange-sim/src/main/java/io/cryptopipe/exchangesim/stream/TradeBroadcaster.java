package io.cryptopipe.exchangesim.stream;

import io.cryptopipe.exchangesim.SimTrade;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Who listens to which stream, and fan-out of each executed trade to them. Subscriptions change rarely and trades
 * flow constantly, so each stream's listeners sit in a copy-on-write set that the clock thread reads lock-free.
 */
public final class TradeBroadcaster {

    private final Set<StreamSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<StreamSession>> listeners = new ConcurrentHashMap<>();
    private final LongSupplier wallMillis;

    private final boolean orderIds;

    public TradeBroadcaster(LongSupplier wallMillis) {
        this(wallMillis, false);
    }

    /** @param orderIds whether trade frames carry the b/a order ids */
    public TradeBroadcaster(LongSupplier wallMillis, boolean orderIds) {
        this.wallMillis = wallMillis;
        this.orderIds = orderIds;
    }

    /** Sends each trade to its stream's listeners, in order; called by the clock thread. */
    public void publish(List<SimTrade> trades) {
        long eventTime = wallMillis.getAsLong();
        for (SimTrade trade : trades) {
            String stream = TradeStreams.of(trade.symbol());
            Set<StreamSession> audience = listeners.get(stream);
            if (audience == null || audience.isEmpty()) {
                continue;
            }
            // Encoded once per variant that someone listens to: {raw, combined} x {ms, µs}.
            String[] frames = new String[4];
            for (StreamSession session : audience) {
                if (session.venueFrames() != null) {
                    session.sendTrade(session.venueFrames().trade(trade));
                    continue;
                }
                int variant = (session.combined() ? 1 : 0) + (session.micros() ? 2 : 0);
                if (frames[variant] == null) {
                    frames[variant] = TradeFrames.frame(session.combined() ? stream : null, trade, eventTime,
                            session.micros(), orderIds);
                }
                session.sendTrade(frames[variant]);
            }
        }
        sessions.forEach(StreamSession::flushTrades);
    }

    /** Open sessions subscribed to at least one stream. */
    public int subscriberCount() {
        return (int) sessions.stream().filter(StreamSession::hasStreams).count();
    }

    /** Cuts every connection without a close handshake, as a network failure or an exchange restart does. */
    public void disconnectAll() {
        sessions.forEach(StreamSession::disconnect);
    }

    public void pingAll() {
        sessions.forEach(StreamSession::ping);
    }

    /** Closes every session cleanly, waiting up to {@code timeoutMillis} for the close frames to go out. */
    public void closeAll(int statusCode, String reason, long timeoutMillis) throws InterruptedException {
        Set<StreamSession> closing = Set.copyOf(sessions);
        CountDownLatch sent = new CountDownLatch(closing.size());
        closing.forEach(session -> session.close(statusCode, reason, sent::countDown));
        sent.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    void opened(StreamSession session) {
        sessions.add(session);
    }

    void closed(StreamSession session) {
        sessions.remove(session);
        session.streams().forEach(stream -> unlisten(stream, session));
    }

    void subscribe(StreamSession session, List<String> streams) {
        session.addStreams(streams);
        streams.forEach(stream -> listeners.computeIfAbsent(stream, s -> new CopyOnWriteArraySet<>()).add(session));
        if (!sessions.contains(session)) {
            // Closed while subscribing: undo, or the dead session would stay a listener forever.
            closed(session);
        }
    }

    void unsubscribe(StreamSession session, List<String> streams) {
        session.removeStreams(streams);
        streams.forEach(stream -> unlisten(stream, session));
    }

    private void unlisten(String stream, StreamSession session) {
        Set<StreamSession> audience = listeners.get(stream);
        if (audience != null) {
            audience.remove(session);
        }
    }
}
