package io.cryptopipe.ingest.venue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.cryptopipe.ingest.trade.Decimals;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reading venues' JSON exactly: a decimal sent as a JSON number (Kraken sends {@code "price":0.5117}) keeps the digits
 * it was written with, never passing through a double. Fields that are wrong throw {@link IllegalArgumentException}
 * naming them, for the parsers to turn into a {@code Malformed} result.
 */
public final class VenueJson {
    private VenueJson() {
    }

    /** A mapper whose numbers with a fraction are BigDecimals, so their digits survive. */
    public static ObjectMapper exactMapper() {
        return JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false).build();
    }

    /** A decimal written as a string or a number, as plain non-negative text. */
    public static String decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        String text = value == null ? null
                : value.isTextual() ? value.asText()
                : value.isNumber() ? value.decimalValue().toPlainString() : null;
        if (text == null || !Decimals.isPlainNonNegative(text)) {
            throw new IllegalArgumentException("field '" + field + "' is not a non-negative decimal: " + value);
        }
        return text;
    }

    /** A non-negative integer written as a number or a string of digits. */
    public static long id(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value != null && value.isIntegralNumber() && value.canConvertToLong() && value.asLong() >= 0) {
            return value.asLong();
        }
        if (value != null && value.isTextual() && value.asText().matches("\\d{1,19}")) {
            try {
                return Long.parseLong(value.asText());
            } catch (NumberFormatException e) {
                // beyond a long: reported below
            }
        }
        throw new IllegalArgumentException("field '" + field + "' is not a non-negative integer id: " + value);
    }

    /** Epoch milliseconds written as a number or a string of digits, in microseconds. */
    public static long millisAsMicros(JsonNode node, String field) {
        long millis = id(node, field);
        if (millis > 99_999_999_999_999L) {
            throw new IllegalArgumentException("field '" + field + "' is not epoch milliseconds: " + millis);
        }
        return millis * 1000;
    }

    /** An ISO-8601 instant with up to nanoseconds, in microseconds. */
    public static long isoMicros(JsonNode node, String field) {
        String text = node.path(field).asText("");
        try {
            Instant instant = Instant.parse(text);
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("field '" + field + "' is not an ISO-8601 time: \"" + text + "\"");
        }
    }

    /**
     * Whether the taker sold, from a field naming the taker's side with one of two words (the buyer was then the
     * maker, as {@code is_buyer_maker} records it).
     */
    public static boolean takerSold(JsonNode node, String field, String buy, String sell) {
        String side = text(node, field);
        if (!side.equals(buy) && !side.equals(sell)) {
            throw new IllegalArgumentException("field '" + field + "' must be " + buy + " or " + sell + ": " + side);
        }
        return side.equals(sell);
    }

    /** The text of a required string field. */
    public static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' must be a non-blank string: " + value);
        }
        return value.asText();
    }

    /** Reads a frame that must be one JSON object and hands it to {@code body}; anything else is one malformed result. */
    public static List<ParseResult> parseObject(ObjectMapper json, String frame, Function<JsonNode, List<ParseResult>> body) {
        JsonNode message;
        try {
            message = json.readTree(frame);
        } catch (IOException e) {
            return List.of(new ParseResult.Malformed("invalid JSON: " + e.getMessage().lines().findFirst().orElse("")));
        }
        if (message == null || !message.isObject()) {
            return List.of(new ParseResult.Malformed("frame is not a JSON object"));
        }
        return body.apply(message);
    }

    /**
     * The trades of a push's {@code data} array, one result each: an element {@code trade} rejects is malformed on its
     * own, and its neighbours still count.
     *
     * @param push what the message is, for the results' reasons ("publicTrade push")
     */
    public static List<ParseResult> eachTrade(JsonNode message, String push, Function<JsonNode, Trade> trade) {
        JsonNode data = message.get("data");
        if (data == null || !data.isArray()) {
            return List.of(new ParseResult.Malformed(push + " without a data array"));
        }
        List<ParseResult> results = new ArrayList<>(data.size());
        for (JsonNode node : data) {
            try {
                results.add(new ParseResult.Parsed(trade.apply(node)));
            } catch (IllegalArgumentException e) {
                results.add(new ParseResult.Malformed(e.getMessage()));
            }
        }
        return results.isEmpty() ? List.of(new ParseResult.Ignored("empty " + push)) : results;
    }
}
