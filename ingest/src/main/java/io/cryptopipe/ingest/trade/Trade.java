package io.cryptopipe.ingest.trade;

import java.util.Objects;

/**
 * One executed trade, normalised across exchanges: decimals as the exchange's exact strings, times in epoch
 * microseconds.
 *
 * @param ingestTimeMicros when this process received the trade
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
        TradeSource source) {

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
