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
        return new SimTrade(symbol, firstId + count++, EightDecimals.format(price), EightDecimals.format(quantity),
                timeMs, buyerMaker);
    }

    /** Trades from {@code fromId} on (or from the oldest retained one if that is later), at most {@code maxTrades}. */
    public List<SimTrade> from(long fromId, int maxTrades) {
        Columns columns;
        synchronized (this) {
            long start = Math.max(fromId, oldestRetainedId());
            columns = copy(start, Math.min(start + maxTrades, nextId()));
        }
        return columns.trades(symbol);
    }

    /** The {@code maxTrades} most recent trades, oldest first. */
    public List<SimTrade> latest(int maxTrades) {
        Columns columns;
        synchronized (this) {
            long end = nextId();
            columns = copy(Math.max(oldestRetainedId(), end - maxTrades), end);
        }
        return columns.trades(symbol);
    }

    /** The id of the oldest retained trade made at or after {@code timeMs}, or -1 if none is. */
    public synchronized long firstIdAtOrAfter(long timeMs) {
        for (long id = oldestRetainedId(); id < nextId(); id++) {
            if (times[(int) ((id - firstId) % limit)] >= timeMs) {
                return id;
            }
        }
        return -1;
    }

    public List<SimTrade> all() {
        Columns columns;
        synchronized (this) {
            columns = copy(oldestRetainedId(), nextId());
        }
        return columns.trades(symbol);
    }

    public synchronized long tradeCount() {
        return count;
    }

    /** Copies raw columns under the lock; the records are built outside it, so readers never stall the clock. */
    private Columns copy(long startId, long endId) {
        int size = (int) Math.max(0, endId - startId);
        Columns out = new Columns(startId, new long[size], new long[size], new long[size], new boolean[size]);
        int done = 0;
        while (done < size) {
            int slot = (int) ((startId + done - firstId) % limit);
            int run = Math.min(size - done, prices.length - slot);
            System.arraycopy(prices, slot, out.prices(), done, run);
            System.arraycopy(quantities, slot, out.quantities(), done, run);
            System.arraycopy(times, slot, out.times(), done, run);
            System.arraycopy(buyerMakers, slot, out.buyerMakers(), done, run);
            done += run;
        }
        return out;
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

    private record Columns(long firstId, long[] prices, long[] quantities, long[] times, boolean[] buyerMakers) {
        List<SimTrade> trades(String symbol) {
            List<SimTrade> out = new ArrayList<>(prices.length);
            for (int i = 0; i < prices.length; i++) {
                out.add(new SimTrade(symbol, firstId + i, EightDecimals.format(prices[i]),
                        EightDecimals.format(quantities[i]), times[i], buyerMakers[i]));
            }
            return out;
        }
    }
}
