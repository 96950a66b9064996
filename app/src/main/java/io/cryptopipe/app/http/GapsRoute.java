package io.cryptopipe.app.http;

import io.cryptopipe.ingest.IngestService;
import io.cryptopipe.ingest.gap.LostTrades;
import io.cryptopipe.ingest.gap.OpenGap;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/gaps}: the gap ledger (ranges of trade ids missed and not fetched yet, retried until they are) and
 * the recent ranges the exchange no longer has; read by {@code cryptopipe gaps} and the Pipeline page.
 */
public final class GapsRoute implements JsonRoute {
    private final IngestService ingest;

    public GapsRoute(IngestService ingest) {
        this.ingest = ingest;
    }

    @Override
    public Object handle(ApiRequest request) {
        return json(ingest.openGaps(), ingest.lostTrades());
    }

    /** The answer's shape, also for {@code cryptopipe gaps} reading the ledger topic itself. */
    public static Map<String, Object> json(List<OpenGap> open, List<LostTrades> lost) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("openGaps", open.size());
        json.put("tradesPending", open.stream().mapToLong(OpenGap::pending).sum());
        json.put("gaps", open.stream().map(GapsRoute::gap).toList());
        json.put("lost", lost.stream().map(GapsRoute::lost).toList());
        return json;
    }

    private static Map<String, Object> gap(OpenGap gap) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("exchange", gap.exchange());
        json.put("symbol", gap.symbol());
        json.put("fromId", gap.fromId());
        json.put("toId", gap.toId());
        json.put("trades", gap.pending());
        json.put("foundAt", gap.foundAt());
        json.put("attempts", gap.attempts());
        json.put("lastError", gap.lastError());
        json.put("refused", gap.refused());
        json.put("nextTry", gap.nextTry());
        return json;
    }

    private static Map<String, Object> lost(LostTrades lost) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("symbol", lost.symbol());
        json.put("fromId", lost.fromId());
        json.put("toId", lost.toId());
        json.put("trades", lost.trades());
        json.put("reason", lost.reason());
        return json;
    }
}
