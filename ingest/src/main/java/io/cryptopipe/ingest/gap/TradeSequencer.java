package io.cryptopipe.ingest.gap;

import io.cryptopipe.ingest.trade.Trade;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each symbol's trades in id order, each once. Binance spot trade ids are contiguous per symbol, so one
 * number per symbol (the last id published) is what decides: an id at or below it is a duplicate, an id beyond the
 * next one is a gap, fetched from the {@link TradeHistorySource} and published before the trade that revealed it.
 *
 * <p>Gaps are fetched by the {@code fills} executor, never by the thread that hands over live trades: a fetch can
 * wait a minute for Binance's request weight, and the live stream must go on being read meanwhile (an exchange
 * drops a client that stops reading). While a symbol's gap is fetched its live trades are held and published after
 * it; the held trades of all symbols share one bound, and live trades beyond it are fetched too. The bound is shared
 * rather than per symbol because a reconnect opens a gap in every symbol at once: with 50 symbols at 100k trades/s
 * a per-symbol page lasted half a second, shorter than the queue of fills, and every trade beyond it then went
 * through REST, whose request weight limit allows ~4k trades/s, so ingest never caught up. Fills of different
 * symbols run in parallel when {@code fills} has several threads; one symbol never has two. The lock of a symbol
 * guards its state but is never held during a fetch. Thread-safe.
 *
 * <p>A gap whose fetch fails (REST down, refused, rate limited beyond the client's quick retries, or not serving the
 * range yet) is handed to a {@link GapRecorder}, the durable gap ledger, which retries it until it is filled; once the
 * recorder has it, the symbol's held and later live trades are published without waiting for it. Only a range the
 * exchange's history skips (trades beyond it, none in it) is reported lost.
 */
public final class TradeSequencer {
    private static final Logger LOG = LoggerFactory.getLogger(TradeSequencer.class);
    public static final int PAGE_SIZE = 1000;
    private static final long UNKNOWN = -1;
    private static final long UP_TO_NOW = Long.MAX_VALUE;
    /**
     * A second of trades at 100k trades/s, ~30 MB when full (estimated from the size of a trade and its map entry,
     * not measured: no 100k/s run since has had a reconnect that filled it).
     */
    public static final int DEFAULT_MAX_HELD = 100_000;

    private final TradeHistorySource history;
    private final Consumer<Trade> publish;
    private final GapRecorder ledger;
    private final Executor fills;
    private final int maxHeld;
    private final AtomicInteger heldTotal = new AtomicInteger();
    private final Map<String, SymbolState> symbols = new ConcurrentHashMap<>();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder backfilled = new LongAdder();
    private final LostTradesLog lost = new LostTradesLog();

    /** Fills each gap on the thread that reveals it, before returning: for tests and single-threaded use. */
    public TradeSequencer(TradeHistorySource history, Consumer<Trade> publish, GapRecorder ledger) {
        this(history, publish, ledger, Runnable::run);
    }

    /** @param fills runs the fetches of gaps revealed by live trades, off the thread that calls {@link #accept} */
    public TradeSequencer(TradeHistorySource history, Consumer<Trade> publish, GapRecorder ledger, Executor fills) {
        this(history, publish, ledger, fills, DEFAULT_MAX_HELD);
    }

    /**
     * @param ledger  takes the gaps whose fetch failed, durably, and retries them
     * @param maxHeld live trades held behind gaps, all symbols together; more are fetched with their gap
     */
    public TradeSequencer(TradeHistorySource history, Consumer<Trade> publish, GapRecorder ledger, Executor fills, int maxHeld) {
        if (maxHeld < 1) {
            throw new IllegalArgumentException("maxHeld must be at least 1: " + maxHeld);
        }
        this.history = history;
        this.publish = publish;
        this.ledger = ledger;
        this.fills = fills;
        this.maxHeld = maxHeld;
    }

    private static final class SymbolState {
        long lastId = UNKNOWN;
        /** Listed while running: its first live trade decides whether the trades before it are fetched. */
        boolean newListing;
        long newListingBackfillLimit;
        /** A fill runs for this symbol; live trades are held meanwhile. */
        boolean filling;
        /** How far the running fill fetches once the held trades are published: UP_TO_NOW for a catch-up. */
        long fillTo = UNKNOWN;
        final TreeMap<Long, Trade> held = new TreeMap<>();
    }

    /**
     * {@code symbol} was listed while ingest runs. When its first live trade arrives, the trades before it are
     * fetched from id 0 if there are at most {@code backfillLimit} of them (a new listing's ids start at 0);
     * a longer history (a symbol back from a trading halt) starts at that trade, and the log says how to backfill it.
     */
    public void followNewListing(String symbol, long backfillLimit) {
        SymbolState state = state(symbol);
        synchronized (state) {
            if (state.lastId == UNKNOWN) {
                state.newListing = true;
                state.newListingBackfillLimit = backfillLimit;
            }
        }
    }

    /** Continues {@code symbol} after {@code lastId}, e.g. the last id already in the topic. */
    public void resumeAfter(String symbol, long lastId) {
        SymbolState state = state(symbol);
        synchronized (state) {
            state.lastId = Math.max(state.lastId, lastId);
        }
    }

    /** The last id published for {@code symbol}, or -1 if none yet. */
    public long lastId(String symbol) {
        SymbolState state = state(symbol);
        synchronized (state) {
            return state.lastId;
        }
    }

    /**
     * Publishes a live trade, after any trades missing before it; drops it if it was published already. Never waits
     * for a fetch: a trade behind a gap is held and published once the {@code fills} executor has fetched the gap.
     */
    public void accept(Trade trade) {
        SymbolState state = state(trade.streamKey());
        synchronized (state) {
            long id = trade.tradeId();
            boolean newListingGap = false;
            if (state.newListing) {
                state.newListing = false;
                if (id > 0 && id <= state.newListingBackfillLimit) {
                    newListingGap = true;
                } else if (id > 0) {
                    LOG.info("{} is listed again with {} trades before id {}; streaming from there (./cryptopipe backfill"
                            + " --symbol {} --from-id 0 --to-id {} copies the rest)", trade.streamKey(), id, id, trade.streamKey(), id - 1);
                }
            }
            if (state.lastId != UNKNOWN && id <= state.lastId) {
                duplicates.increment();
                return;
            }
            if (state.filling) {
                hold(state, trade);
                return;
            }
            if (!newListingGap && (state.lastId == UNKNOWN || id == state.lastId + 1)) {
                publish.accept(trade);
                state.lastId = id;
                return;
            }
            gaps.increment();
            state.filling = true;
            state.fillTo = UNKNOWN;
            hold(state, trade);
        }
        try {
            fills.execute(() -> fill(trade.streamKey(), state));
        } catch (RejectedExecutionException e) {
            // Closing: nothing more is published.
        }
    }

    /** Keeps a live trade until the fill before it has run; beyond the bound the fill fetches it instead. */
    private void hold(SymbolState state, Trade trade) {
        long id = trade.tradeId();
        if (state.held.containsKey(id)) {
            duplicates.increment();
        } else if (heldTotal.getAndUpdate(n -> n < maxHeld ? n + 1 : n) < maxHeld) {
            state.held.put(id, trade);
        } else {
            state.fillTo = Math.max(state.fillTo, id);
        }
    }

    /**
     * Fetches and publishes everything after the last id published up to the newest trade the source has, for each
     * symbol whose position is known, on the {@code fills} executor. Run after a (re)connect, when trades may have
     * passed unseen.
     */
    public void catchUp(List<String> symbolsToCheck) {
        for (String symbol : symbolsToCheck) {
            SymbolState state = state(symbol);
            synchronized (state) {
                if (state.lastId == UNKNOWN) {
                    continue;
                }
                if (state.filling) {
                    state.fillTo = UP_TO_NOW; // the running fill goes on to the newest trade
                    continue;
                }
                state.filling = true;
                state.fillTo = UP_TO_NOW;
            }
            try {
                fills.execute(() -> {
                    if (fill(symbol, state) > 0) {
                        gaps.increment();
                    }
                });
            } catch (RejectedExecutionException e) {
                return; // closing
            }
        }
    }

    public GapCounts counts() {
        return new GapCounts(duplicates.sum(), gaps.sum(), backfilled.sum(), lost.ranges(), lost.trades());
    }

    /** The ranges the exchange no longer has, most recent last. */
    public List<LostTrades> lostTrades() {
        return lost.recent();
    }

    /**
     * Fetches the symbol's missing trades page by page, publishing the held live trades as soon as they follow on,
     * until nothing is missing below them and {@code fillTo} is reached; reports the parts the source does not have.
     * The symbol's lock is taken between fetches, never during one, so live trades are held meanwhile, not blocked.
     *
     * @return how many trades it fetched and published
     */
    private long fill(String symbol, SymbolState state) {
        long fetched = 0;
        while (true) {
            long next;
            long target;
            synchronized (state) {
                publishHeld(state);
                target = state.held.isEmpty() ? state.fillTo : state.held.firstKey() - 1;
                if (target <= state.lastId) {
                    state.filling = false;
                    state.fillTo = UNKNOWN;
                    return fetched;
                }
                next = state.lastId + 1;
            }
            List<Trade> page;
            try {
                page = history.fetch(symbol, next, PAGE_SIZE);
            } catch (BackfillFailed e) {
                if (Thread.currentThread().isInterrupted()) {
                    // Stopping. Nothing after the gap is published, so the next start resumes before it and
                    // fetches it.
                    return fetched;
                }
                if (target == UP_TO_NOW) {
                    synchronized (state) {
                        // Nothing known to be missed yet: the next live trade shows how far the gap goes and retries.
                        LOG.warn("Catch-up of {} after id {} failed: {}", symbol, state.lastId, e.getMessage());
                        state.fillTo = UNKNOWN;
                    }
                } else if (!handToLedger(symbol, state, next, target, e)) {
                    return fetched;
                }
                continue;
            }
            long notServedFrom = UNKNOWN;
            synchronized (state) {
                for (Trade trade : page) {
                    long id = trade.tradeId();
                    if (id <= state.lastId) {
                        continue;
                    }
                    long missingTo = Math.min(id - 1, target);
                    if (missingTo > state.lastId) {
                        lost.report(new LostTrades(symbol, state.lastId + 1, missingTo,
                                "the exchange's trade history goes on at id " + id + " without them"));
                        state.lastId = missingTo;
                    }
                    if (id > target) {
                        break;
                    }
                    publish.accept(trade);
                    backfilled.increment();
                    fetched++;
                    state.lastId = id;
                }
                boolean historyEnds = page.size() < PAGE_SIZE || state.lastId < next;
                if (historyEnds && state.lastId < target) {
                    if (target == UP_TO_NOW) {
                        state.fillTo = UNKNOWN; // reached the newest trade
                    } else {
                        notServedFrom = state.lastId + 1;
                    }
                }
            }
            if (notServedFrom != UNKNOWN && !handToLedger(symbol, state, notServedFrom, target,
                    new BackfillFailed("the exchange serves no trade from id " + notServedFrom + " yet"))) {
                return fetched;
            }
        }
    }

    /**
     * Records {@code from..to} in the ledger, outside the symbol's lock (a durable write takes a round trip), then
     * moves the symbol past it so that its live trades flow again.
     *
     * @return false when stopped before the ledger had it: nothing past the gap may be published then
     */
    private boolean handToLedger(String symbol, SymbolState state, long from, long to, BackfillFailed problem) {
        try {
            ledger.open(symbol, from, to, problem);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        synchronized (state) {
            state.lastId = Math.max(state.lastId, to);
        }
        return true;
    }

    /** Publishes the held trades that now follow on from the last id, in id order; drops those published already. */
    private void publishHeld(SymbolState state) {
        while (!state.held.isEmpty() && state.held.firstKey() <= state.lastId + 1) {
            Trade trade = state.held.pollFirstEntry().getValue();
            heldTotal.decrementAndGet();
            if (state.lastId != UNKNOWN && trade.tradeId() <= state.lastId) {
                duplicates.increment();
                continue;
            }
            publish.accept(trade);
            state.lastId = trade.tradeId();
        }
    }

    private SymbolState state(String symbol) {
        return symbols.computeIfAbsent(symbol, s -> new SymbolState());
    }
}
