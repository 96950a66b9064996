package io.cryptopipe.ingest.venue;

import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.StreamKey;
import io.cryptopipe.ingest.trade.Trade;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One {@link TradeHistorySource} over every venue, for the one sequencer and gap ledger they share: a stream key
 * ({@code SYMBOL} or {@code exchange:SYMBOL}) is sent to its venue's source with the venue's symbol.
 */
public final class VenueHistories implements TradeHistorySource {
    private final Map<String, TradeHistorySource> byExchange;

    /** @param byExchange each venue's source, by its {@code exchange} name (binance included) */
    public VenueHistories(Map<String, TradeHistorySource> byExchange) {
        this.byExchange = Map.copyOf(byExchange);
    }

    @Override
    public List<Trade> fetch(String streamKey, long fromId, int limit) throws BackfillFailed {
        String exchange = StreamKey.exchangeOf(streamKey);
        TradeHistorySource source = byExchange.get(exchange);
        if (source == null) {
            throw new BackfillFailed(exchange + " has no trade history by id to fetch " + streamKey + " from", true,
                    Duration.ZERO);
        }
        return source.fetch(StreamKey.symbolOf(streamKey), fromId, limit);
    }
}
