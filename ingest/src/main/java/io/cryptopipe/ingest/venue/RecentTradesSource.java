package io.cryptopipe.ingest.venue;

import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.trade.Trade;
import java.util.List;

/**
 * A venue's latest trades of a symbol, for venues whose history cannot be paged by id: after a reconnect the trades
 * newer than the last one seen are taken from here, as far as the answer reaches back.
 */
public interface RecentTradesSource {
    /** How many of the latest trades one answer holds at most. */
    int limit();

    /** The latest trades of {@code symbol} (as the venue writes it), in id order. */
    List<Trade> recent(String symbol) throws BackfillFailed;
}
