package io.cryptopipe.ingest.gap;

import io.cryptopipe.ingest.trade.Trade;
import java.util.List;

/** Where missed trades are fetched from, by id. */
@FunctionalInterface
public interface TradeHistorySource {
    /** At most {@code limit} trades of {@code symbol} from id {@code fromId} on, in id order (possibly starting later). */
    List<Trade> fetch(String symbol, long fromId, int limit) throws BackfillFailed;
}
