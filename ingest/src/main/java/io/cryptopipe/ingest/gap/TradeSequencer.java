package io.cryptopipe.ingest.gap;

import io.cryptopipe.ingest.trade.Trade;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each symbol's trades in id order, each once. Binance spot trade ids are contiguous per symbol, so one
 * number per symbol (the last id published) is all the state needed: an id at or below it is a duplicate, an id
 * beyond the next one is a gap, fetched from the {@link TradeHistorySource} and published before the trade that
 * revealed it. Memory is therefore bounded by the number of symbols, whatever the overlap.
 *
 * <p>A symbol's fetch and publish happen under that symbol's lock, so a live trade arriving during a catch-up
 * waits and is then recognised as a duplicate or as the next id. Thread-safe.
 */
public final class TradeSequencer {
    private static final Logger LOG = LoggerFactory.getLogger(TradeSequencer.class);
    public static final int PAGE_SIZE = 1000;
    private static final int KEPT_UNFILLED_GAPS = 100;
    private static final long UNKNOWN = -1;
    private static final long UP_TO_NOW = Long.MAX_VALUE;

    private final TradeHistorySource history;
    private final Consumer<Trade> publish;
    private final Map<String, SymbolState> symbols = new ConcurrentHashMap<>();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder backfilled = new LongAdder();
    private final LongAdder unfilled = new LongAdder();
    private final LongAdder missing = new LongAdder();
    private final Deque<UnfilledGap> recentUnfilled = new ArrayDeque<>();

    public TradeSequencer(TradeHistorySource history, Consumer<Trade> publish) {
        this.history = history;
        this.publish = publish;
    }

    private static final class SymbolState {
        long lastId = UNKNOWN;
        /** Listed while running: its first live trade decides whether the trades before it are fetched. */
        boolean newListing;
        long newListingBackfillLimit;
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

    /** Publishes a live trade, after any trades missing before it; drops it if it was published already. */
    public void accept(Trade trade) {
        SymbolState state = state(trade.symbol());
        synchronized (state) {
            long id = trade.tradeId();
            if (state.newListing) {
                state.newListing = false;
                if (id > 0 && id <= state.newListingBackfillLimit) {
                    gaps.increment();
                    fill(trade.symbol(), state, id - 1);
                } else if (id > 0) {
                    LOG.info("{} is listed again with {} trades before id {}; streaming from there (./cryptopipe backfill"
                            + " --symbol {} --from-id 0 --to-id {} copies the rest)", trade.symbol(), id, id, trade.symbol(), id - 1);
                }
            }
            if (state.lastId != UNKNOWN && id <= state.lastId) {
                duplicates.increment();
                return;
            }
            if (state.lastId != UNKNOWN && id > state.lastId + 1) {
                gaps.increment();
                fill(trade.symbol(), state, id - 1);
            }
            publish.accept(trade);
            state.lastId = id;
        }
    }

    /**
     * Fetches and publishes everything after the last id published up to the newest trade the source has, for each
     * symbol whose position is known. Run after a (re)connect, when trades may have passed unseen.
     */
    public void catchUp(List<String> symbolsToCheck) {
        for (String symbol : symbolsToCheck) {
            SymbolState state = state(symbol);
            synchronized (state) {
                if (state.lastId == UNKNOWN) {
                    continue;
                }
                long before = backfilled.sum();
                fill(symbol, state, UP_TO_NOW);
                if (backfilled.sum() > before) {
                    gaps.increment();
                }
            }
        }
    }

    public GapCounts counts() {
        return new GapCounts(duplicates.sum(), gaps.sum(), backfilled.sum(), unfilled.sum(), missing.sum());
    }

    /** The most recent ranges that could not be filled, oldest first (at most {@value #KEPT_UNFILLED_GAPS}). */
    public synchronized List<UnfilledGap> unfilledGaps() {
        return List.copyOf(recentUnfilled);
    }

    /** Publishes ids {@code lastId+1 .. toId} from the source; reports the parts it does not have. */
    private void fill(String symbol, SymbolState state, long toId) {
        long next = state.lastId + 1;
        while (next <= toId) {
            List<Trade> page;
            try {
                page = history.fetch(symbol, next, PAGE_SIZE);
            } catch (BackfillFailed e) {
                if (toId != UP_TO_NOW) {
                    report(new UnfilledGap(symbol, next, toId, e.getMessage()));
                    state.lastId = toId;
                } else {
                    // Nothing known to be lost yet: the next live trade shows how far the gap goes and retries.
                    LOG.warn("Catch-up of {} after id {} failed: {}", symbol, state.lastId, e.getMessage());
                }
                return;
            }
            long startedAt = next;
            for (Trade trade : page) {
                long id = trade.tradeId();
                if (id < next) {
                    continue;
                }
                if (id > toId) {
                    return;
                }
                if (id > next) {
                    report(new UnfilledGap(symbol, next, id - 1, "no longer in the exchange's trade history"));
                }
                publish.accept(trade);
                backfilled.increment();
                state.lastId = id;
                next = id + 1;
            }
            if (page.size() < PAGE_SIZE || next == startedAt) {
                if (toId != UP_TO_NOW && next <= toId) {
                    report(new UnfilledGap(symbol, next, toId, "the exchange's trade history ends at id " + (next - 1)));
                    state.lastId = toId;
                }
                return;
            }
        }
    }

    private void report(UnfilledGap gap) {
        unfilled.increment();
        missing.add(gap.trades());
        LOG.error("Trades {} ids {}..{} ({} trades) are lost: {}", gap.symbol(), gap.fromId(), gap.toId(), gap.trades(),
                gap.reason());
        synchronized (this) {
            if (recentUnfilled.size() == KEPT_UNFILLED_GAPS) {
                recentUnfilled.removeFirst();
            }
            recentUnfilled.addLast(gap);
        }
    }

    private SymbolState state(String symbol) {
        return symbols.computeIfAbsent(symbol, s -> new SymbolState());
    }
}
