package io.cryptopipe.ingest.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.RestGet;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pages {@code GET /products/<id>/trades} by trade id. Coinbase's cursors run against time: {@code after=X} is the
 * page of trades older than X, newest first. So ids {@code fromId..fromId+limit-1} are the page
 * {@code after=fromId+limit}, sorted back into id order; ids are contiguous per product, so a page that skips ids
 * means they do not exist there any more.
 */
public final class CoinbaseTradesClient implements TradeHistorySource {
    /** Coinbase's largest page. */
    public static final int MAX_LIMIT = 1000;

    private final RestGet rest;
    private final URI restBase;
    private final MicrosClock clock;
    private final CoinbaseTradeParser parser = new CoinbaseTradeParser();
    private final ObjectMapper json = new ObjectMapper();

    public CoinbaseTradesClient(RestGet rest, URI restBase, MicrosClock clock) {
        this.rest = rest;
        this.restBase = restBase;
        this.clock = clock;
    }

    @Override
    public List<Trade> fetch(String product, long fromId, int limit) throws BackfillFailed {
        int page = Math.min(limit, MAX_LIMIT);
        String what = "Coinbase trades of " + product + " from id " + fromId;
        String body = rest.body(RestGet.join(restBase, "/products/" + product + "/trades?limit=" + page
                + "&after=" + (fromId + page)), what);
        long now = clock.nowMicros();
        try {
            JsonNode array = json.readTree(body);
            if (array == null || !array.isArray()) {
                throw new BackfillFailed(what + ": the answer is not a JSON array");
            }
            List<Trade> trades = new ArrayList<>(array.size());
            for (JsonNode node : array) {
                Trade trade = parser.trade(product, node, now, TradeSource.BACKFILL);
                if (trade.tradeId() >= fromId) {
                    trades.add(trade);
                }
            }
            trades.sort(Comparator.comparingLong(Trade::tradeId));
            return trades;
        } catch (IOException | IllegalArgumentException e) {
            throw new BackfillFailed(what + ": the answer cannot be read: " + e.getMessage());
        }
    }
}
