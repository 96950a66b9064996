package io.cryptopipe.ingest.trade;

import java.nio.charset.StandardCharsets;
import java.util.stream.LongStream;

/**
 * Writes the value of a record on the trades topic. The key order and the string-typed decimals are a contract
 * with the sink and the warehouse models, so the text is assembled by hand rather than through a mapper.
 *
 * <p>The bytes are written straight into an array of their exact length: building a String first and encoding it
 * cost three copies of every record, a fifth of what ingest allocated at 100k trades/s (docs/BENCHMARKS.md, e2e).
 * Every character outside printable ASCII is escaped, so the text is ASCII and one char is one byte.
 */
public final class TradeJson {
    private static final String EXCHANGE = "{\"exchange\":\"";
    private static final String SYMBOL = "\",\"symbol\":\"";
    private static final String TRADE_ID = "\",\"trade_id\":";
    private static final String PRICE = ",\"price\":\"";
    private static final String QUANTITY = "\",\"quantity\":\"";
    private static final String BUYER_MAKER = "\",\"is_buyer_maker\":";
    private static final String TRADE_TIME = ",\"trade_time_us\":";
    private static final String EVENT_TIME = ",\"event_time_us\":";
    private static final String INGEST_TIME = ",\"ingest_time_us\":";
    private static final String SOURCE = ",\"source\":\"";
    private static final String END = "\"}";
    private static final String BASE_ASSET = "\",\"base_asset\":\"";
    private static final String QUOTE_ASSET = "\",\"quote_asset\":\"";
    private static final int FIXED_LENGTH = EXCHANGE.length() + SYMBOL.length() + TRADE_ID.length() + PRICE.length()
            + QUANTITY.length() + BUYER_MAKER.length() + TRADE_TIME.length() + EVENT_TIME.length() + INGEST_TIME.length()
            + SOURCE.length() + END.length();

    public String toJson(Trade trade) {
        return new String(toJsonBytes(trade), StandardCharsets.US_ASCII);
    }

    public byte[] toJsonBytes(Trade trade) {
        String exchange = escaped(trade.exchange());
        String symbol = escaped(trade.symbol());
        // Trade guarantees plain decimals, which never need escaping.
        String buyerMaker = Boolean.toString(trade.buyerMaker());
        String source = trade.source().wireName();
        String base = trade.assets() == null ? null : escaped(trade.assets().base());
        String quote = trade.assets() == null ? null : escaped(trade.assets().quote());
        int assetsLength = base == null ? 0 : BASE_ASSET.length() + base.length() + QUOTE_ASSET.length() + quote.length();
        int length = assetsLength + FIXED_LENGTH + exchange.length() + symbol.length() + AsciiWriter.length(trade.tradeId())
                + trade.price().length() + trade.quantity().length() + buyerMaker.length()
                + AsciiWriter.length(trade.tradeTimeMicros()) + AsciiWriter.length(trade.eventTimeMicros())
                + AsciiWriter.length(trade.ingestTimeMicros()) + source.length();
        AsciiWriter out = new AsciiWriter(length)
                .text(EXCHANGE).text(exchange)
                .text(SYMBOL).text(symbol)
                .text(TRADE_ID).number(trade.tradeId())
                .text(PRICE).text(trade.price())
                .text(QUANTITY).text(trade.quantity())
                .text(BUYER_MAKER).text(buyerMaker)
                .text(TRADE_TIME).number(trade.tradeTimeMicros())
                .text(EVENT_TIME).number(trade.eventTimeMicros())
                .text(INGEST_TIME).number(trade.ingestTimeMicros())
                .text(SOURCE).text(source);
        if (base != null) {
            out.text(BASE_ASSET).text(base).text(QUOTE_ASSET).text(quote);
        }
        return out.text(END).bytes();
    }

    /** The value itself when it needs no escaping (every real symbol), else its JSON escaped form, in ASCII. */
    private static String escaped(String value) {
        int i = 0;
        while (i < value.length() && isPlain(value.charAt(i))) {
            i++;
        }
        if (i == value.length()) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16).append(value, 0, i);
        for (; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isPlain(c)) {
                out.append(c);
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static boolean isPlain(char c) {
        return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
    }

    /** Fills an array of a length computed beforehand; writing a different length is a bug, reported as one. */
    private static final class AsciiWriter {
        private static final long[] POWERS_OF_TEN = LongStream.iterate(1, power -> power * 10).limit(19).toArray();
        private final byte[] out;
        private int position;

        AsciiWriter(int length) {
            out = new byte[length];
        }

        AsciiWriter text(String ascii) {
            for (int i = 0; i < ascii.length(); i++) {
                out[position++] = (byte) ascii.charAt(i);
            }
            return this;
        }

        AsciiWriter number(long value) {
            if (value == Long.MIN_VALUE) {
                return text(Long.toString(value));
            }
            if (value < 0) {
                out[position++] = '-';
                value = -value;
            }
            int end = position + digits(value);
            for (int i = end - 1; i >= position; i--) {
                out[i] = (byte) ('0' + value % 10);
                value /= 10;
            }
            position = end;
            return this;
        }

        byte[] bytes() {
            if (position != out.length) {
                throw new IllegalStateException("trade JSON is " + position + " bytes, " + out.length + " expected");
            }
            return out;
        }

        static int length(long value) {
            if (value == Long.MIN_VALUE) {
                return Long.toString(value).length();
            }
            return value < 0 ? 1 + digits(-value) : digits(value);
        }

        /** Compares instead of dividing: the count runs twice for each of a record's four numbers. */
        private static int digits(long nonNegative) {
            int digits = 1;
            while (digits < POWERS_OF_TEN.length && nonNegative >= POWERS_OF_TEN[digits]) {
                digits++;
            }
            return digits;
        }
    }
}
