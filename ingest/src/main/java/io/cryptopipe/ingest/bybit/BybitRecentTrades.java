package io.cryptopipe.ingest.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.RecentTradesSource;
import io.cryptopipe.ingest.venue.RestGet;
import io.cryptopipe.ingest.venue.VenueJson;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Bybit's {@code GET /v5/market/recent-trade?category=spot}: the latest spot trades of a symbol, at most 60, newest
 * first, without any cursor. {@code side} is the taker's; {@code execId} is the id the stream's {@code i} carries.
 */
public final class BybitRecentTrades implements RecentTradesSource {
    /** Bybit's largest answer for spot. */
    public static final int SPOT_LIMIT = 60;

    private final RestGet rest;
    private final URI restBase;
    private final MicrosClock clock;
    private final ObjectMapper json = VenueJson.exactMapper();

    public BybitRecentTrades(RestGet rest, URI restBase, MicrosClock clock) {
        this.rest = rest;
        this.restBase = restBase;
        this.clock = clock;
    }

    @Override
    public int limit() {
        return SPOT_LIMIT;
    }

    @Override
    public List<Trade> recent(String symbol) throws BackfillFailed {
        String what = "Bybit's recent trades of " + symbol;
        String body = rest.body(RestGet.join(restBase, "/v5/market/recent-trade?category=spot&symbol="
                + URLEncoder.encode(symbol, StandardCharsets.UTF_8) + "&limit=" + SPOT_LIMIT), what);
        long now = clock.nowMicros();
        try {
            JsonNode answer = json.readTree(body);
            if (answer == null || answer.path("retCode").asInt(-1) != 0) {
                throw new BackfillFailed(what + " failed: Bybit says " + (answer == null ? "nothing"
                        : answer.path("retCode").asText() + " " + answer.path("retMsg").asText()));
            }
            JsonNode list = answer.path("result").path("list");
            if (!list.isArray()) {
                throw new BackfillFailed(what + ": the answer has no result list");
            }
            List<Trade> trades = new ArrayList<>(list.size());
            for (JsonNode node : list) {
                trades.add(trade(node, now));
            }
            trades.sort(Comparator.comparingLong(Trade::tradeId));
            return trades;
        } catch (IOException | IllegalArgumentException e) {
            throw new BackfillFailed(what + ": the answer cannot be read: " + e.getMessage());
        }
    }

    static Trade trade(JsonNode node, long receiveTimeMicros) {
        String symbol = VenueJson.text(node, "symbol");
        String side = VenueJson.text(node, "side");
        if (!side.equals("Buy") && !side.equals("Sell")) {
            throw new IllegalArgumentException("field 'side' must be Buy or Sell: " + side);
        }
        long time = VenueJson.millisAsMicros(node, "time");
        return new Trade(BybitFeed.EXCHANGE, symbol, VenueJson.id(node, "execId"), VenueJson.decimal(node, "price"),
                VenueJson.decimal(node, "size"), side.equals("Sell"), time, time, receiveTimeMicros, TradeSource.BACKFILL,
                AssetPair.bySuffix(symbol));
    }
}
