package io.cryptopipe.exchangesim;

import java.time.Duration;

/**
 * The misbehaviours a real exchange shows, switched on one by one to prove a client survives each. Counts apply per
 * connection to trade frames only, so every connection's first trade frame always arrives intact; a zero count or
 * duration switches that fault off. {@link #NONE} is a well-behaved exchange.
 *
 * @param dropEveryNth          every Nth trade frame is never sent (a gap the client must backfill)
 * @param duplicateEveryNth     every Nth trade frame is sent twice
 * @param malformedEveryNth     after every Nth trade frame, a frame that is not a valid trade is sent
 * @param disconnectEvery       every connection is cut (no close handshake) at this interval
 * @param connectionLifetime    each connection is closed by the server this long after it opened (Binance: 24 h)
 * @param serverShutdownAfter   each connection gets a {@code serverShutdown} event this long after it opened, and is
 *                              closed {@link #SHUTDOWN_GRACE} later
 * @param stallAfter            each connection stops receiving trades (socket open, pings go on) this long after it opened
 * @param restThrottleEveryNth  every Nth {@code historicalTrades} request is refused with {@code Retry-After: 1}
 * @param restBan               refuse those with 418 (IP banned) instead of 429 (too many requests)
 * @param refuseWithHttp451     every WebSocket upgrade is refused with HTTP 451 (restricted location)
 * @param orderIds              trade frames carry the buyer and seller order ids {@code b} and {@code a}, as before 2024
 * @param restDownAfter         this long after the market opens, every REST request is answered 503 ...
 * @param restDownFor           ... for this long (a REST outage; zero: none)
 */
public record FaultPlan(int dropEveryNth, int duplicateEveryNth, int malformedEveryNth, Duration disconnectEvery,
                        Duration connectionLifetime, Duration serverShutdownAfter, Duration stallAfter,
                        int restThrottleEveryNth, boolean restBan, boolean refuseWithHttp451, boolean orderIds,
                        Duration restDownAfter, Duration restDownFor) {

    public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);
    public static final FaultPlan NONE = new FaultPlan(0, 0, 0, Duration.ZERO, Duration.ZERO, Duration.ZERO,
            Duration.ZERO, 0, false, false, false, Duration.ZERO, Duration.ZERO);

    public FaultPlan {
        requireCount("dropEveryNth", dropEveryNth);
        requireCount("duplicateEveryNth", duplicateEveryNth);
        requireCount("malformedEveryNth", malformedEveryNth);
        requireCount("restThrottleEveryNth", restThrottleEveryNth);
        requireDuration("disconnectEvery", disconnectEvery);
        requireDuration("connectionLifetime", connectionLifetime);
        requireDuration("serverShutdownAfter", serverShutdownAfter);
        requireDuration("stallAfter", stallAfter);
        requireDuration("restDownAfter", restDownAfter);
        requireDuration("restDownFor", restDownFor);
        if (dropEveryNth == 1) {
            throw new IllegalArgumentException("dropEveryNth must be 0 (off) or at least 2, got 1 (that drops everything)");
        }
    }

    public FaultPlan withDropEveryNth(int n) {
        return new FaultPlan(n, duplicateEveryNth, malformedEveryNth, disconnectEvery, connectionLifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withDuplicateEveryNth(int n) {
        return new FaultPlan(dropEveryNth, n, malformedEveryNth, disconnectEvery, connectionLifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withMalformedEveryNth(int n) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, n, disconnectEvery, connectionLifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withDisconnectEvery(Duration interval) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, interval, connectionLifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withConnectionLifetime(Duration lifetime) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, disconnectEvery, lifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withServerShutdownAfter(Duration after) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, disconnectEvery, connectionLifetime,
                after, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withStallAfter(Duration after) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, disconnectEvery, connectionLifetime,
                serverShutdownAfter, after, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    /** @param ban 418 instead of 429 */
    public FaultPlan withRestThrottleEveryNth(int n, boolean ban) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, disconnectEvery, connectionLifetime,
                serverShutdownAfter, stallAfter, n, ban, refuseWithHttp451, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withRefuseWithHttp451(boolean refuse) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, disconnectEvery, connectionLifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuse, orderIds, restDownAfter, restDownFor);
    }

    public FaultPlan withOrderIds(boolean present) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, disconnectEvery, connectionLifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, present, restDownAfter, restDownFor);
    }

    /** REST answers 503 from {@code after} past the market's opening, for {@code duration}. */
    public FaultPlan withRestOutage(Duration after, Duration duration) {
        return new FaultPlan(dropEveryNth, duplicateEveryNth, malformedEveryNth, disconnectEvery, connectionLifetime,
                serverShutdownAfter, stallAfter, restThrottleEveryNth, restBan, refuseWithHttp451, orderIds, after, duration);
    }

    public static boolean on(Duration duration) {
        return !duration.isZero();
    }

    private static void requireCount(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0 (0 = off), got " + value);
        }
    }

    private static void requireDuration(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be a duration >= 0 (0 = off), got " + value);
        }
    }
}
