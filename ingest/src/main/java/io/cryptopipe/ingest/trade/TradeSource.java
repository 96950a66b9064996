package io.cryptopipe.ingest.trade;

/** How a trade reached the pipeline; its wire name is the {@code source} field of the topic's values. */
public enum TradeSource {
    WS("ws"),
    BACKFILL("backfill"),
    REPLAY("replay"),
    ARCHIVE("archive");

    private final String wireName;

    TradeSource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
