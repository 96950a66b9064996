package io.cryptopipe.exchangesim.market;

import io.cryptopipe.exchangesim.SimTrade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The most recent trades of one symbol, bounded. Ids are contiguous, so a trade's slot follows from its id.
 * Columns of primitives rather than objects keep 200k trades in about 5 MB. Written by the clock thread, read by
 * HTTP threads.
 */
public final class TradeHistory {

    private static final int INITIAL_SLOTS = 1024;

    private final String symbol;
    private final long firstId;
    private final int limit;
    private long[] prices = new long[0];
    private long[] quantities = new long[0];
    private long[] times = new long[0];
    private boolean[] buyerMakers = new boolean[0];
    private long count;

    TradeHistory(String symbol, long firstId, int limit) {
        this.symbol = symbol;
        this.firstId = firstId;
        this.limit = limit;
    }

    synchronized SimTrade append(long price, long quantity, long timeMs, boolean buyerMaker) {
        if (count == prices.length && count < limit) {
            grow();
        }
        int slot = (int) (count % limit);
        prices[slot] = price;
        quantities[slot] = quantity;
        times[slot] = timeMs;
        buyerMakers[slot] = buyerMaker;
        return trade(firstId + count++);
    }

    /** Trades from {@code fromId} on (or from the oldest retained one if that is later), at most {@code limit}. */
    public synchronized List<SimTrade> from(long fromId, int maxTrades) {
        long start = Math.max(fromId, oldestRetainedId());
        return between(start, Math.min(start + maxTrades, nextId()));
    }

    /** The {@code maxTrades} most recent trades, oldest first. */
    public synchronized List<SimTrade> latest(int maxTrades) {
        long end = nextId();
        return between(Math.max(oldestRetainedId(), end - maxTrades), end);
    }

    public synchronized List<SimTrade> all() {
        return between(oldestRetainedId(), nextId());
    }

    public synchronized long tradeCount() {
        return count;
    }

    private List<SimTrade> between(long startId, long endId) {
        List<SimTrade> out = new ArrayList<>((int) Math.max(0, endId - startId));
        for (long id = startId; id < endId; id++) {
            out.add(trade(id));
        }
        return out;
    }

    private SimTrade trade(long id) {
        int slot = (int) ((id - firstId) % limit);
        return new SimTrade(symbol, id, EightDecimals.format(prices[slot]), EightDecimals.format(quantities[slot]),
                times[slot], buyerMakers[slot]);
    }

    private long oldestRetainedId() {
        return firstId + Math.max(0, count - limit);
    }

    private long nextId() {
        return firstId + count;
    }

    private void grow() {
        // Ring slots only wrap once the arrays reach the limit, so growing is a plain copy.
        int size = (int) Math.min(limit, Math.max(INITIAL_SLOTS, 2L * prices.length));
        prices = Arrays.copyOf(prices, size);
        quantities = Arrays.copyOf(quantities, size);
        times = Arrays.copyOf(times, size);
        buyerMakers = Arrays.copyOf(buyerMakers, size);
    }
}
