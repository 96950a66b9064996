package io.cryptopipe.ingest.gap;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trades the exchange no longer has: logged, counted, and the most recent ranges kept. Thread-safe. */
public final class LostTradesLog {
    private static final Logger LOG = LoggerFactory.getLogger(LostTradesLog.class);
    private static final int KEPT = 100;

    private final LongAdder ranges = new LongAdder();
    private final LongAdder trades = new LongAdder();
    private final Deque<LostTrades> recent = new ArrayDeque<>();

    void report(LostTrades lost) {
        ranges.increment();
        trades.add(lost.trades());
        LOG.error("Trades {} ids {}..{} ({} trades) are lost: {}", lost.symbol(), lost.fromId(), lost.toId(), lost.trades(),
                lost.reason());
        synchronized (recent) {
            if (recent.size() == KEPT) {
                recent.removeFirst();
            }
            recent.addLast(lost);
        }
    }

    public long ranges() {
        return ranges.sum();
    }

    public long trades() {
        return trades.sum();
    }

    /** The most recent lost ranges, oldest first (at most {@value #KEPT}). */
    public List<LostTrades> recent() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }
}
