package io.cryptopipe.exchangesim.stream;

import io.cryptopipe.exchangesim.SimTrade;

/**
 * Text frames byte-for-byte in Binance's spot trade layout. Written by hand rather than through Jackson because
 * the clock encodes every trade that has a listener, up to 100k a second, and the key order is part of the contract.
 */
final class TradeFrames {

    private TradeFrames() {
    }

    /** The bare trade event, as a raw {@code /ws} stream sends it (no b/a order ids: Binance dropped them in 2024). */
    static String raw(SimTrade trade, long eventTimeMs) {
        return new StringBuilder(160)
                .append("{\"e\":\"trade\",\"E\":").append(eventTimeMs)
                .append(",\"s\":\"").append(trade.symbol())
                .append("\",\"t\":").append(trade.id())
                .append(",\"p\":\"").append(trade.price())
                .append("\",\"q\":\"").append(trade.quantity())
                .append("\",\"T\":").append(trade.tradeTimeMs())
                .append(",\"m\":").append(trade.buyerMaker())
                .append(",\"M\":true}")
                .toString();
    }

    /** The envelope a combined {@code /stream} connection wraps every event in. */
    static String combined(String stream, String rawFrame) {
        return new StringBuilder(rawFrame.length() + stream.length() + 24)
                .append("{\"stream\":\"").append(stream).append("\",\"data\":").append(rawFrame).append('}')
                .toString();
    }
}
