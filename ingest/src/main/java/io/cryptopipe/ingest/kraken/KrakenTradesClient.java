package io.cryptopipe.ingest.kraken;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cryptopipe.ingest.feed.MicrosClock;
import io.cryptopipe.ingest.gap.BackfillFailed;
import io.cryptopipe.ingest.gap.TradeHistorySource;
import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import io.cryptopipe.ingest.venue.RestGet;
import io.cryptopipe.ingest.venue.VenueJson;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Fetches Kraken trades by id from {@code GET /0/public/Trades}, whose only cursor is time: {@code since} (epoch
 * nanoseconds) returns up to {@code count} trades after it, oldest first, each with its {@code trade_id} (sequential
 * per pair, as the WebSocket v2's). Ids and times rise together, so the trades from id X on start at or after the
 * time of any trade below X. The client therefore starts a page just before a known trade below {@code fromId}:
 * the nearest of the recent ones the stream or an earlier page showed ({@link #remember}), or, without one (after a
 * restart), one found by stepping back in time from the latest trades, doubling the step. A page is only answered once it starts
 * at or below {@code fromId}, so ids it skips are really absent from Kraken's history, which is what the gap
 * ledger takes a skip to mean.
 */
public final class KrakenTradesClient implements TradeHistorySource {
    /** Kraken's largest page. */
    public static final int MAX_COUNT = 1000;
    /** The first step back from the latest trades; doubled until a page starts at or below the wanted id. */
    private static final long FIRST_STEP_NANOS = 60_000_000_000L;
    /** Requests one fetch may make: 30 doublings of a minute reach back beyond Kraken's first trade. */
    private static final int MAX_REQUESTS = 40;

    private final RestGet rest;
    private final URI restBase;
    private final MicrosClock clock;
    private final ObjectMapper json = VenueJson.exactMapper();
    /** Trades kept per pair as places a page can start from: the gap the stream shows is just after them. */
    private static final int ANCHORS_PER_PAIR = 1024;

    /** Recent trades of each pair, stream or REST, id to time in nanoseconds: where a page can start. */
    private final Map<String, NavigableMap<Long, Long>> anchors = new ConcurrentHashMap<>();

    public KrakenTradesClient(RestGet rest, URI restBase, MicrosClock clock) {
        this.rest = rest;
        this.restBase = restBase;
        this.clock = clock;
    }

    /** Notes a trade of {@code pair} seen on the stream, so that a gap right after it costs one request. */
    public void remember(String pair, long tradeId, long tradeTimeMicros) {
        NavigableMap<Long, Long> known = anchors.computeIfAbsent(pair, p -> new ConcurrentSkipListMap<>());
        known.put(tradeId, tradeTimeMicros * 1_000);
        while (known.size() > ANCHORS_PER_PAIR) {
            known.pollFirstEntry();
        }
    }

    @Override
    public List<Trade> fetch(String pair, long fromId, int limit) throws BackfillFailed {
        String what = "Kraken trades of " + pair + " from id " + fromId;
        NavigableMap<Long, Long> known = anchors.get(pair);
        Map.Entry<Long, Long> below = known == null ? null : known.lowerEntry(fromId);
        // One nanosecond before a trade below fromId: since is exclusive, and this takes in every trade at its time.
        Long since = below == null ? null : below.getValue() - 1;
        long step = FIRST_STEP_NANOS;
        for (int request = 0; request < MAX_REQUESTS; request++) {
            Page page = page(pair, since, what);
            if (page.trades().isEmpty()) {
                // Nothing after since (or no trade at all): the ids are not served yet.
                return List.of();
            }
            Trade first = page.trades().get(0);
            Trade last = page.trades().get(page.trades().size() - 1);
            if (first.tradeId() > fromId) {
                // The page starts after the wanted id: step back in time from its first trade.
                since = first.tradeTimeMicros() * 1_000 - step;
                step *= 2;
                continue;
            }
            if (last.tradeId() < fromId) {
                if (page.trades().size() < MAX_COUNT) {
                    // A page that is not full ends at the newest trade: the ids are not made (or not served) yet.
                    return List.of();
                }
                // Still before it: page on from just before the page's last trade, or by Kraken's cursor when the
                // whole page shares that one time.
                long next = last.tradeTimeMicros() * 1_000 - 1;
                since = since != null && next <= since ? Math.max(page.last(), since + 1) : next;
                continue;
            }
            List<Trade> wanted = new ArrayList<>();
            for (Trade trade : page.trades()) {
                if (trade.tradeId() >= fromId && wanted.size() < limit) {
                    wanted.add(trade);
                }
            }
            Trade newest = wanted.get(wanted.size() - 1);
            remember(pair, newest.tradeId(), newest.tradeTimeMicros());
            return wanted;
        }
        throw new BackfillFailed(what + ": no page reached id " + fromId + " within " + MAX_REQUESTS + " requests");
    }

    private record Page(List<Trade> trades, long last) {
    }

    /** One answer of the endpoint, oldest first. */
    private Page page(String pair, Long since, String what) throws BackfillFailed {
        String query = "/0/public/Trades?pair=" + URLEncoder.encode(pair, StandardCharsets.UTF_8) + "&count=" + MAX_COUNT
                + (since == null ? "" : "&since=" + since);
        String body = rest.body(RestGet.join(restBase, query), what);
        long now = clock.nowMicros();
        try {
            JsonNode answer = json.readTree(body);
            JsonNode errors = answer == null ? null : answer.path("error");
            if (errors != null && errors.isArray() && !errors.isEmpty()) {
                throw new BackfillFailed(what + " failed: Kraken says " + errors);
            }
            JsonNode result = answer == null ? null : answer.get("result");
            if (result == null || !result.isObject()) {
                throw new BackfillFailed(what + ": the answer has no result object");
            }
            // The result names the pair as Kraken does internally (XXBTZUSD for BTC/USD), beside the cursor "last".
            List<Trade> trades = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> fields = result.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isArray()) {
                    for (JsonNode row : field.getValue()) {
                        trades.add(trade(pair, row, now));
                    }
                }
            }
            trades.sort(Comparator.comparingLong(Trade::tradeId));
            return new Page(trades, result.path("last").asLong(0));
        } catch (IOException | IllegalArgumentException e) {
            throw new BackfillFailed(what + ": the answer cannot be read: " + e.getMessage());
        }
    }

    /** {@code [price, volume, time in seconds, b|s (taker side), m|l, misc, trade_id]}. */
    static Trade trade(String pair, JsonNode row, long receiveTimeMicros) {
        if (!row.isArray() || row.size() < 7) {
            throw new IllegalArgumentException("a trade is not an array of 7 fields: " + row);
        }
        String side = row.get(3).asText();
        if (!side.equals("b") && !side.equals("s")) {
            throw new IllegalArgumentException("the side of a trade must be b or s: " + row.get(3));
        }
        JsonNode time = row.get(2);
        if (!time.isNumber() && !(time.isTextual() && time.asText().matches("\\d+(\\.\\d+)?"))) {
            throw new IllegalArgumentException("the time of a trade is not seconds: " + time);
        }
        long micros = new BigDecimal(time.isNumber() ? time.decimalValue().toPlainString() : time.asText())
                .movePointRight(6).longValue();
        // Named, so that VenueJson's checks report the field that is wrong.
        ObjectNode fields = JsonNodeFactory.instance.objectNode();
        fields.set("price", row.get(0));
        fields.set("volume", row.get(1));
        fields.set("trade_id", row.get(6));
        return new Trade(KrakenFeed.EXCHANGE, pair, VenueJson.id(fields, "trade_id"), VenueJson.decimal(fields, "price"),
                VenueJson.decimal(fields, "volume"), side.equals("s"), micros, micros, receiveTimeMicros, TradeSource.BACKFILL,
                AssetPair.split(pair));
    }
}
