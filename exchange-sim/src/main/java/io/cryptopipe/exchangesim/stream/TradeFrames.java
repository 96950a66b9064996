package io.cryptopipe.exchangesim.stream;

import io.cryptopipe.exchangesim.SimTrade;

import java.util.List;

/**
 * Text frames byte-for-byte in Binance's spot trade layout. Written by hand rather than through Jackson because
 * the clock encodes every trade that has a listener, up to 100k a second, and the key order is part of the contract.
 */
final class TradeFrames {

    private TradeFrames() {
    }

    /** Frames that should have been trades, each broken in a way seen in the wild: not JSON, cut short, wrong types. */
    static final List<String> MALFORMED = List.of(
            "<html><body>502 Bad Gateway</body></html>",
            "{\"e\":\"trade\",\"E\":1700000000000,\"s\":\"BTCUSDT\",\"t\":12",
            "{\"e\":\"trade\",\"E\":1700000000000,\"s\":\"BTCUSDT\",\"t\":\"12\",\"p\":1.5,\"q\":\"1\",\"T\":1700000000000,\"m\":true}");

    /** The bare trade event, as a raw {@code /ws} stream sends it (no b/a order ids: Binance dropped them in 2024). */
    static String raw(SimTrade trade, long eventTimeMs) {
        return raw(trade, eventTimeMs, false, false);
    }

    /**
     * @param micros   times in epoch microseconds, as with {@code timeUnit=MICROSECOND}
     * @param orderIds include buyer ({@code b}) and seller ({@code a}) order ids, as Binance did before 2024
     */
    static String raw(SimTrade trade, long eventTimeMs, boolean micros, boolean orderIds) {
        return frame(null, trade, eventTimeMs, micros, orderIds);
    }

    /**
     * A trade frame written in one pass: wrapping a raw frame's text in the envelope afterwards cost two more copies
     * of every frame on the clock thread at 100k trades/s (docs/BENCHMARKS.md, e2e).
     *
     * @param stream the stream a combined {@code /stream} connection names in its envelope; null for a raw frame
     */
    static String frame(String stream, SimTrade trade, long eventTimeMs, boolean micros, boolean orderIds) {
        long scale = micros ? 1000 : 1;
        StringBuilder out = new StringBuilder(256);
        if (stream != null) {
            out.append("{\"stream\":\"").append(stream).append("\",\"data\":");
        }
        out.append("{\"e\":\"trade\",\"E\":").append(eventTimeMs * scale)
                .append(",\"s\":\"").append(trade.symbol())
                .append("\",\"t\":").append(trade.id())
                .append(",\"p\":\"").append(trade.price())
                .append("\",\"q\":\"").append(trade.quantity());
        if (orderIds) {
            // Deterministic and distinct per trade; Binance's real order ids are unrelated to trade ids.
            out.append("\",\"b\":").append(trade.id() * 2 + 1).append(",\"a\":").append(trade.id() * 2 + 2).append(",\"T\":");
        } else {
            out.append("\",\"T\":");
        }
        out.append(trade.tradeTimeMs() * scale)
                .append(",\"m\":").append(trade.buyerMaker())
                .append(",\"M\":true}");
        if (stream != null) {
            out.append('}');
        }
        return out.toString();
    }

    /** Binance's notice that it will close the connection soon. */
    static String serverShutdown(long eventTimeMs, boolean combined) {
        String event = "{\"e\":\"serverShutdown\",\"E\":" + eventTimeMs + "}";
        return combined ? "{\"stream\":\"!serverShutdown\",\"data\":" + event + "}" : event;
    }
}
