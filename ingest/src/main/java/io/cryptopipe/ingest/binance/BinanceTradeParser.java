package io.cryptopipe.ingest.binance;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.Decimals;
import io.cryptopipe.ingest.trade.EpochTimes;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.io.IOException;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reads one Binance spot {@code @trade} text frame, raw ({@code {"e":"trade",...}}) or from a combined stream
 * ({@code {"stream":"btcusdt@trade","data":{...}}}).
 *
 * <p>Streams tokens instead of building a tree because it runs once per frame on the ingest hot path. Times are
 * accepted in epoch milliseconds (13 digits, the default) and microseconds (16 digits, {@code timeUnit=MICROSECOND})
 * and always returned in microseconds. Thread-safe.
 */
public final class BinanceTradeParser {
    static final String EXCHANGE = "binance";

    private static final ParseResult CONTROL_REPLY = new ParseResult.Ignored("control reply");

    private final JsonFactory jsonFactory = new JsonFactory();
    private final TradeSource source;
    private final Function<String, AssetPair> assets;

    /** Trades come out without their assets. */
    public BinanceTradeParser(TradeSource source) {
        this(source, symbol -> null);
    }

    /** @param assets each symbol's base and quote asset */
    public BinanceTradeParser(TradeSource source, Function<String, AssetPair> assets) {
        this.source = Objects.requireNonNull(source, "source");
        this.assets = Objects.requireNonNull(assets, "assets");
    }

    /** Never throws for bad input: every failure is a {@link ParseResult.Malformed} naming the problem. */
    public ParseResult parse(String frame, long receiveTimeMicros) {
        try (JsonParser json = jsonFactory.createParser(frame)) {
            return parseFrame(json, receiveTimeMicros);
        } catch (MalformedFrame e) {
            return new ParseResult.Malformed(e.getMessage());
        } catch (StreamReadException e) {
            return new ParseResult.Malformed("invalid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new ParseResult.Malformed("unreadable frame: " + e.getMessage());
        }
    }

    private ParseResult parseFrame(JsonParser json, long receiveTimeMicros) throws IOException, MalformedFrame {
        if (json.nextToken() != JsonToken.START_OBJECT) {
            throw new MalformedFrame("frame is not a JSON object");
        }
        TradeFields fields = new TradeFields();
        boolean control = false;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            JsonToken value = json.nextToken();
            switch (name) {
                case "data" -> {
                    if (value != JsonToken.START_OBJECT) {
                        throw new MalformedFrame("field 'data' is not an object");
                    }
                    while (json.nextToken() == JsonToken.FIELD_NAME) {
                        String eventField = json.currentName();
                        fields.read(eventField, json.nextToken(), json);
                    }
                }
                case "result", "id", "error" -> {
                    control = true;
                    json.skipChildren();
                }
                default -> fields.read(name, value, json);
            }
        }
        if (json.nextToken() != null) {
            throw new MalformedFrame("unexpected content after the JSON object");
        }
        if (fields.eventType == null) {
            if (control) {
                return CONTROL_REPLY;
            }
            throw new MalformedFrame(fields.problem != null ? fields.problem : "missing field 'e'");
        }
        if (!fields.eventType.equals("trade")) {
            return new ParseResult.Ignored("event type '" + fields.eventType + "'");
        }
        return new ParseResult.Parsed(fields.toTrade(receiveTimeMicros, source, assets));
    }

    /**
     * Collects the fields of one event. A type problem is only remembered, not raised, because it matters only
     * once the event turns out to be a trade: other event types reuse the same letters for other things.
     */
    private static final class TradeFields {
        private static final int EVENT_TIME = 1;
        private static final int SYMBOL = 1 << 1;
        private static final int TRADE_ID = 1 << 2;
        private static final int PRICE = 1 << 3;
        private static final int QUANTITY = 1 << 4;
        private static final int TRADE_TIME = 1 << 5;
        private static final int BUYER_MAKER = 1 << 6;

        String eventType;
        String problem;
        int seen;
        long eventTime;
        String symbol;
        long tradeId;
        String price;
        String quantity;
        long tradeTime;
        boolean buyerMaker;

        void read(String name, JsonToken value, JsonParser json) throws IOException {
            switch (name) {
                case "e" -> {
                    if (value == JsonToken.VALUE_STRING) {
                        eventType = json.getText();
                    } else {
                        problem("field 'e' must be a string");
                    }
                }
                case "E" -> eventTime = readLong(name, value, json, EVENT_TIME);
                case "s" -> symbol = readString(name, value, json, SYMBOL);
                case "t" -> tradeId = readLong(name, value, json, TRADE_ID);
                case "p" -> price = readString(name, value, json, PRICE);
                case "q" -> quantity = readString(name, value, json, QUANTITY);
                case "T" -> tradeTime = readLong(name, value, json, TRADE_TIME);
                case "m" -> buyerMaker = readBoolean(name, value, BUYER_MAKER);
                // Binance documents M as "ignore"; it is checked when present but not required.
                case "M" -> {
                    if (!value.isBoolean()) {
                        problem("field 'M' must be a boolean");
                    }
                }
                default -> json.skipChildren();
            }
        }

        private long readLong(String name, JsonToken value, JsonParser json, int flag) throws IOException {
            if (value != JsonToken.VALUE_NUMBER_INT) {
                problem("field '" + name + "' must be an integer");
                json.skipChildren();
                return 0;
            }
            try {
                long result = json.getLongValue();
                seen |= flag;
                return result;
            } catch (InputCoercionException e) {
                problem("field '" + name + "' is out of range: " + json.getText());
                return 0;
            }
        }

        private String readString(String name, JsonToken value, JsonParser json, int flag) throws IOException {
            if (value != JsonToken.VALUE_STRING) {
                problem("field '" + name + "' must be a string");
                json.skipChildren();
                return null;
            }
            seen |= flag;
            return json.getText();
        }

        private boolean readBoolean(String name, JsonToken value, int flag) {
            if (!value.isBoolean()) {
                problem("field '" + name + "' must be a boolean");
                return false;
            }
            seen |= flag;
            return value == JsonToken.VALUE_TRUE;
        }

        private void problem(String description) {
            if (problem == null) {
                problem = description;
            }
        }

        Trade toTrade(long receiveTimeMicros, TradeSource source, Function<String, AssetPair> assets) throws MalformedFrame {
            if (problem != null) {
                throw new MalformedFrame(problem);
            }
            require(EVENT_TIME, "E");
            require(SYMBOL, "s");
            require(TRADE_ID, "t");
            require(PRICE, "p");
            require(QUANTITY, "q");
            require(TRADE_TIME, "T");
            require(BUYER_MAKER, "m");
            if (symbol.isBlank()) {
                throw new MalformedFrame("field 's' must not be blank");
            }
            if (tradeId < 0) {
                throw new MalformedFrame("field 't' must not be negative: " + tradeId);
            }
            requireDecimal(price, "p");
            requireDecimal(quantity, "q");
            return new Trade(EXCHANGE, symbol, tradeId, price, quantity, buyerMaker,
                    toMicros(tradeTime, "T"), toMicros(eventTime, "E"), receiveTimeMicros, source, assets.apply(symbol));
        }

        private void require(int flag, String name) throws MalformedFrame {
            if ((seen & flag) == 0) {
                throw new MalformedFrame("missing field '" + name + "'");
            }
        }

        private static void requireDecimal(String value, String name) throws MalformedFrame {
            if (!Decimals.isPlainNonNegative(value)) {
                throw new MalformedFrame("field '" + name + "' is not a plain non-negative decimal: \"" + value + "\"");
            }
        }

        private static long toMicros(long epochTime, String name) throws MalformedFrame {
            long micros = EpochTimes.toMicros(epochTime);
            if (micros < 0) {
                throw new MalformedFrame("field '" + name + "' is not an epoch time in ms or µs: " + epochTime);
            }
            return micros;
        }
    }

    /** Control flow for a frame that cannot be read; carries no stack trace because it is not a bug. */
    private static final class MalformedFrame extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedFrame(String reason) {
            super(reason, null, false, false);
        }
    }
}
