package io.cryptopipe.ingest.trade;

import java.util.Objects;

/**
 * One executed trade, normalised across exchanges: decimals as the exchange's exact strings, times in epoch
 * microseconds.
 *
 * @param ingestTimeMicros when this process received the trade
 * @param assets the market's canonical base and quote assets; null where the producer of the trade does not know
 *               them (the value then goes out without {@code base_asset}/{@code quote_asset})
 */
public record Trade(
        String exchange,
        String symbol,
        long tradeId,
        String price,
        String quantity,
        boolean buyerMaker,
        long tradeTimeMicros,
        long eventTimeMicros,
        long ingestTimeMicros,
        TradeSource source,
        AssetPair assets) {

    /** A trade whose assets are not known here. */
    public Trade(String exchange, String symbol, long tradeId, String price, String quantity, boolean buyerMaker,
                 long tradeTimeMicros, long eventTimeMicros, long ingestTimeMicros, TradeSource source) {
        this(exchange, symbol, tradeId, price, quantity, buyerMaker, tradeTimeMicros, eventTimeMicros, ingestTimeMicros,
                source, null);
    }

    public Trade {
        requireText(exchange, "exchange");
        requireText(symbol, "symbol");
        requireDecimal(price, "price");
        requireDecimal(quantity, "quantity");
        Objects.requireNonNull(source, "source");
        if (tradeId < 0) {
            throw new IllegalArgumentException("tradeId must not be negative: " + tradeId);
        }
    }

    /** The trades topic's key, which is also the stream the sequencer and the gap ledger track. */
    public String streamKey() {
        return StreamKey.of(exchange, symbol);
    }

    public Trade withAssets(AssetPair pair) {
        return new Trade(exchange, symbol, tradeId, price, quantity, buyerMaker, tradeTimeMicros, eventTimeMicros,
                ingestTimeMicros, source, pair);
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requireDecimal(String value, String name) {
        if (value == null || !Decimals.isPlainNonNegative(value)) {
            throw new IllegalArgumentException(name + " must be a plain non-negative decimal: " + value);
        }
    }
}
