package io.cryptopipe.ingest.gap;

import io.cryptopipe.ingest.trade.Trade;
import java.util.List;
import java.util.function.Consumer;

/**
 * Copies one symbol's trades with ids {@code fromId..toId} from a {@link TradeHistorySource}, page by page, in id
 * order. After each page it calls {@code pageDone} with the last id handled, so the caller can make the page durable
 * (flush the producer) and record a checkpoint to resume from.
 */
public final class RangeBackfill {

    /** @param lastId the last id of the range handled so far; {@code missing} trades the source did not have */
    public record Progress(long lastId, long published, long missing) {
    }

    private final TradeHistorySource source;

    public RangeBackfill(TradeHistorySource source) {
        this.source = source;
    }

    /** Runs from {@code fromId}; returns the final progress (its lastId is below {@code toId} if the source ran out). */
    public Progress run(String symbol, long fromId, long toId, Consumer<Trade> publish, Consumer<Progress> pageDone)
            throws BackfillFailed {
        long next = fromId;
        long published = 0;
        long missing = 0;
        while (next <= toId) {
            List<Trade> page = source.fetch(symbol, next, TradeSequencer.PAGE_SIZE);
            long startedAt = next;
            for (Trade trade : page) {
                long id = trade.tradeId();
                if (id < next) {
                    continue;
                }
                if (id > toId) {
                    break;
                }
                missing += id - next;
                publish.accept(trade);
                published++;
                next = id + 1;
            }
            if (next == startedAt) {
                break;
            }
            pageDone.accept(new Progress(next - 1, published, missing));
            if (page.size() < TradeSequencer.PAGE_SIZE) {
                break;
            }
        }
        return new Progress(next - 1, published, missing);
    }
}
