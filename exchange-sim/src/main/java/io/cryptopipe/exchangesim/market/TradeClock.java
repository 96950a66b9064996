package io.cryptopipe.exchangesim.market;

import io.cryptopipe.exchangesim.SimTrade;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Drives the market at a steady total rate. Every tick executes the trades that fell due since the last one, so
 * rates far above the tick frequency (100k/s) cost one wake-up per tick rather than one per trade.
 */
public final class TradeClock {

    static final long TICK_MILLIS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(TradeClock.class);

    private final Market market;
    private final double tradesPerSecond;
    private final Consumer<List<SimTrade>> onTrades;
    private final LongSupplier nanoTime;
    private final LongSupplier wallMillis;
    private final long rampUpNanos;
    private ScheduledFuture<?> ticking;
    private long startNanos;
    private long lastTickNanos;
    private double dueTrades;

    /**
     * @param onTrades   receives each tick's trades, in execution order, on the clock thread
     * @param nanoTime   monotonic time that paces the rate
     * @param wallMillis the trades' timestamps
     */
    public TradeClock(Market market, double tradesPerSecond, Consumer<List<SimTrade>> onTrades,
                      LongSupplier nanoTime, LongSupplier wallMillis) {
        this(market, tradesPerSecond, Duration.ZERO, onTrades, nanoTime, wallMillis);
    }

    /**
     * @param rampUp the rate climbs linearly from zero to {@code tradesPerSecond} over this long after the start
     *               (zero: full rate at once), for load tests that measure a steady state rather than a cold start
     */
    public TradeClock(Market market, double tradesPerSecond, Duration rampUp, Consumer<List<SimTrade>> onTrades,
                      LongSupplier nanoTime, LongSupplier wallMillis) {
        if (rampUp.isNegative()) {
            throw new IllegalArgumentException("rampUp must not be negative: " + rampUp);
        }
        this.market = market;
        this.tradesPerSecond = tradesPerSecond;
        this.rampUpNanos = rampUp.toNanos();
        this.onTrades = onTrades;
        this.nanoTime = nanoTime;
        this.wallMillis = wallMillis;
        this.startNanos = nanoTime.getAsLong();
    }

    /** Starts ticking on {@code scheduler}; a no-op when already started. */
    public synchronized void start(ScheduledExecutorService scheduler) {
        if (ticking != null) {
            return;
        }
        lastTickNanos = nanoTime.getAsLong();
        startNanos = lastTickNanos;
        ticking = scheduler.scheduleAtFixedRate(this::tickSafely, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (ticking != null) {
            ticking.cancel(false);
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // An escaping exception would silently cancel the schedule and freeze the exchange.
            LOG.error("Trade clock tick failed; trading continues", e);
        }
    }

    synchronized void tick() {
        if (market.finished()) {
            stop();
            return;
        }
        long now = nanoTime.getAsLong();
        // A stalled JVM (GC, debugger, suspended laptop) catches up by at most one second of trades rather than
        // flooding clients with everything it missed.
        double rate = rampUpNanos == 0 ? tradesPerSecond : tradesPerSecond * Math.min(1.0, (double) (now - startNanos) / rampUpNanos);
        dueTrades = Math.min(dueTrades + rate * (now - lastTickNanos) / 1e9, Math.max(1, tradesPerSecond));
        lastTickNanos = now;
        int count = (int) dueTrades;
        if (count == 0) {
            return;
        }
        dueTrades -= count;
        List<SimTrade> trades = market.trade(count, wallMillis.getAsLong());
        if (!trades.isEmpty()) {
            onTrades.accept(trades);
        }
    }
}
