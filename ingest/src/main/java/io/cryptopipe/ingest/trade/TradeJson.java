package io.cryptopipe.ingest.trade;

import java.nio.charset.StandardCharsets;

/**
 * Writes the value of a record on the trades topic. The key order and the string-typed decimals are a contract
 * with the sink and the warehouse models, so the text is assembled by hand rather than through a mapper.
 */
public final class TradeJson {
    private static final int TYPICAL_LENGTH = 256;

    public String toJson(Trade trade) {
        StringBuilder out = new StringBuilder(TYPICAL_LENGTH);
        out.append("{\"exchange\":");
        appendString(out, trade.exchange());
        out.append(",\"symbol\":");
        appendString(out, trade.symbol());
        out.append(",\"trade_id\":").append(trade.tradeId());
        // Trade guarantees plain decimals, which never need escaping.
        out.append(",\"price\":\"").append(trade.price()).append('"');
        out.append(",\"quantity\":\"").append(trade.quantity()).append('"');
        out.append(",\"is_buyer_maker\":").append(trade.buyerMaker());
        out.append(",\"trade_time_us\":").append(trade.tradeTimeMicros());
        out.append(",\"event_time_us\":").append(trade.eventTimeMicros());
        out.append(",\"ingest_time_us\":").append(trade.ingestTimeMicros());
        out.append(",\"source\":\"").append(trade.source().wireName()).append("\"}");
        return out.toString();
    }

    public byte[] toJsonBytes(Trade trade) {
        return toJson(trade).getBytes(StandardCharsets.UTF_8);
    }

    private static void appendString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
