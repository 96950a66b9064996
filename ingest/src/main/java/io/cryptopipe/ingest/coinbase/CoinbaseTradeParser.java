package io.cryptopipe.ingest.coinbase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.trade.AssetPair;
import io.cryptopipe.ingest.trade.Decimals;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads Coinbase Exchange WebSocket frames of the {@code matches} channel ({@code match}, and the {@code last_match}
 * sent on subscribing) and REST trades of {@code GET /products/<id>/trades}. Coinbase's {@code side} is the maker's
 * order side ("a buy side indicates a down-tick because the maker was a buy order"), so the buyer was the maker
 * exactly when it is {@code buy}. Times are ISO-8601 with up to microseconds, kept exactly. Thread-safe.
 */
public final class CoinbaseTradeParser {
    static final String EXCHANGE = "coinbase";

    private final ObjectMapper json = new ObjectMapper();

    /** Never throws for bad input: every failure is a {@link ParseResult.Malformed} naming the problem. */
    public ParseResult parse(String frame, long receiveTimeMicros) {
        JsonNode message;
        try {
            message = json.readTree(frame);
        } catch (JsonProcessingException e) {
            return new ParseResult.Malformed("invalid JSON: " + e.getOriginalMessage());
        }
        if (message == null || !message.isObject()) {
            return new ParseResult.Malformed("frame is not a JSON object");
        }
        JsonNode type = message.get("type");
        if (type == null || !type.isTextual()) {
            return new ParseResult.Malformed("missing field 'type'");
        }
        String kind = type.asText();
        if (!kind.equals("match") && !kind.equals("last_match")) {
            return new ParseResult.Ignored(kind.equals("error")
                    ? "error: " + message.path("message").asText() + " " + message.path("reason").asText()
                    : "message type '" + kind + "'");
        }
        String product = message.path("product_id").asText("");
        if (product.isBlank()) {
            return new ParseResult.Malformed("missing field 'product_id'");
        }
        try {
            return new ParseResult.Parsed(trade(product, message, receiveTimeMicros, TradeSource.WS));
        } catch (IllegalArgumentException e) {
            return new ParseResult.Malformed(e.getMessage());
        }
    }

    /**
     * One trade of {@code product}, from a match message or a REST trade (which has no product_id).
     *
     * @throws IllegalArgumentException naming the field that is missing or wrong
     */
    Trade trade(String product, JsonNode node, long receiveTimeMicros, TradeSource source) {
        JsonNode id = node.get("trade_id");
        if (id == null || !id.canConvertToLong() || !id.isIntegralNumber() || id.asLong() < 0) {
            throw new IllegalArgumentException("field 'trade_id' must be a non-negative integer: " + id);
        }
        String price = decimal(node, "price");
        String size = decimal(node, "size");
        String side = node.path("side").asText("");
        if (!side.equals("buy") && !side.equals("sell")) {
            throw new IllegalArgumentException("field 'side' must be buy or sell: " + node.get("side"));
        }
        long time = micros(node.path("time").asText(""));
        return new Trade(EXCHANGE, product, id.asLong(), price, size, side.equals("buy"), time, time, receiveTimeMicros,
                source, assets(product));
    }

    /** {@code BTC-USD} is base BTC, quote USD. */
    static AssetPair assets(String product) {
        return AssetPair.split(product);
    }

    private static String decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || !Decimals.isPlainNonNegative(value.asText())) {
            throw new IllegalArgumentException("field '" + field + "' is not a plain non-negative decimal string: " + value);
        }
        return value.asText();
    }

    private static long micros(String iso) {
        try {
            Instant instant = Instant.parse(iso);
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field 'time' is not an ISO-8601 time: \"" + iso + "\"");
        }
    }
}
