package io.cryptopipe.ingest.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.trade.ParseResult;
import io.cryptopipe.ingest.trade.Trade;
import io.cryptopipe.ingest.trade.TradeSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BinanceTradeParserTest {
    private static final long RECEIVED_AT = 1790649901950123L;
    private static final String DOCUMENTED_BTC_FRAME = Fixtures.frameContaining("\"t\":6720857582");

    private final BinanceTradeParser parser = new BinanceTradeParser(TradeSource.WS);

    static List<String> fixtureFrames() {
        return Fixtures.spotTradeFrames();
    }

    @ParameterizedTest
    @MethodSource("fixtureFrames")
    void parsesEveryRecordedFrameToTheTradeItCarries(String frame) throws Exception {
        JsonNode root = new ObjectMapper().readTree(frame);
        JsonNode event = root.has("data") ? root.get("data") : root;

        Trade trade = tradeOf(parser.parse(frame, RECEIVED_AT));

        assertThat(trade.exchange()).isEqualTo("binance");
        assertThat(trade.symbol()).isEqualTo(event.get("s").asText());
        assertThat(trade.tradeId()).isEqualTo(event.get("t").asLong());
        assertThat(trade.price()).isEqualTo(event.get("p").asText());
        assertThat(trade.quantity()).isEqualTo(event.get("q").asText());
        assertThat(trade.buyerMaker()).isEqualTo(event.get("m").asBoolean());
        assertThat(trade.tradeTimeMicros()).isEqualTo(event.get("T").asLong() * 1000);
        assertThat(trade.eventTimeMicros()).isEqualTo(event.get("E").asLong() * 1000);
        assertThat(trade.ingestTimeMicros()).isEqualTo(RECEIVED_AT);
        assertThat(trade.source()).isEqualTo(TradeSource.WS);
    }

    @Test
    void parsesCombinedStreamFrameWithoutBuyerAndSellerOrderIds() {
        assertThat(DOCUMENTED_BTC_FRAME).startsWith("{\"stream\":\"btcusdt@trade\"").doesNotContain("\"b\":");

        Trade trade = tradeOf(parser.parse(DOCUMENTED_BTC_FRAME, RECEIVED_AT));

        assertThat(trade).isEqualTo(new Trade("binance", "BTCUSDT", 6720857582L, "83034.29000000", "0.00062000", true,
                1790649901913000L, 1790649901913000L, RECEIVED_AT, TradeSource.WS));
    }

    @Test
    void parsesRawFrameWithBuyerAndSellerOrderIds() {
        String frame = Fixtures.frameContaining("\"t\":1013351810");
        assertThat(frame).startsWith("{\"e\":\"trade\"").contains("\"b\":7235742249", "\"a\":7235742622");

        Trade trade = tradeOf(parser.parse(frame, RECEIVED_AT));

        assertThat(trade).isEqualTo(new Trade("binance", "BTCUSDT", 1013351810L, "45746.58000000", "0.01189200", true,
                1629394609694000L, 1629394609694000L, RECEIVED_AT, TradeSource.WS));
    }

    @Test
    void parsesCombinedFrameWithBuyerAndSellerOrderIdsKeepingTradeAndEventTimesApart() {
        Trade trade = tradeOf(parser.parse(Fixtures.frameContaining("\"t\":40756030"), RECEIVED_AT));

        assertThat(trade).isEqualTo(new Trade("binance", "BNBBTC", 40756030L, "0.00426990", "33.82000000", false,
                1554076800940000L, 1554076800945000L, RECEIVED_AT, TradeSource.WS));
    }

    @Test
    void parsesRawFrameWithoutBuyerAndSellerOrderIds() {
        Trade trade = tradeOf(parser.parse(Fixtures.frameContaining("\"t\":12345,"), RECEIVED_AT));

        assertThat(trade).isEqualTo(new Trade("binance", "BNBBTC", 12345L, "0.001", "100", true,
                1672515782136000L, 1672515782136000L, RECEIVED_AT, TradeSource.WS));
    }

    @Test
    void keepsMicrosecondTimesFromTimeUnitMicrosecondStreams() {
        String frame = DOCUMENTED_BTC_FRAME
                .replace("\"E\":1790649901913", "\"E\":1790649901913456")
                .replace("\"T\":1790649901913", "\"T\":1790649901913123");

        Trade trade = tradeOf(parser.parse(frame, RECEIVED_AT));

        assertThat(trade.tradeTimeMicros()).isEqualTo(1790649901913123L);
        assertThat(trade.eventTimeMicros()).isEqualTo(1790649901913456L);
    }

    @Test
    void stampsTheSourceItWasBuiltFor() {
        Trade trade = tradeOf(new BinanceTradeParser(TradeSource.REPLAY).parse(DOCUMENTED_BTC_FRAME, RECEIVED_AT));

        assertThat(trade.source()).isEqualTo(TradeSource.REPLAY);
    }

    @Test
    void ignoresSubscriptionReply() {
        assertThat(parser.parse("{\"result\":null,\"id\":1}", RECEIVED_AT))
                .isEqualTo(new ParseResult.Ignored("control reply"));
    }

    @Test
    void ignoresErrorReplyToARequest() {
        assertThat(parser.parse("{\"error\":{\"code\":2,\"msg\":\"Invalid request: unknown variant\"},\"id\":3}", RECEIVED_AT))
                .isEqualTo(new ParseResult.Ignored("control reply"));
    }

    @Test
    void ignoresOtherEventTypes() {
        String aggTrade = Fixtures.read("ws_spot_agg_trade.json");

        assertThat(parser.parse(aggTrade, RECEIVED_AT)).isEqualTo(new ParseResult.Ignored("event type 'aggTrade'"));
    }

    @Test
    void ignoresOtherEventTypesEvenWhenTheirFieldsWouldBeWrongForATrade() {
        String ticker = "{\"stream\":\"bnbbtc@ticker\",\"data\":{\"e\":\"24hrTicker\",\"E\":1672515782136,"
                + "\"s\":\"BNBBTC\",\"p\":\"-0.0015\",\"P\":\"-1.2\",\"q\":\"18\",\"t\":\"n/a\"}}";

        assertThat(parser.parse(ticker, RECEIVED_AT)).isEqualTo(new ParseResult.Ignored("event type '24hrTicker'"));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "\"p\":\"83034.29000000\"|\"p\":83034.29|field 'p' must be a string",
        "\"p\":\"83034.29000000\"|\"p\":\"8.303429E4\"|field 'p' is not a plain non-negative decimal: \"8.303429E4\"",
        "\"q\":\"0.00062000\"|\"q\":\"-0.00062000\"|field 'q' is not a plain non-negative decimal: \"-0.00062000\"",
        "\"q\":\"0.00062000\"|\"q\":\"\"|field 'q' is not a plain non-negative decimal: \"\"",
        "\"p\":\"83034.29000000\",||missing field 'p'",
        "\"s\":\"BTCUSDT\",||missing field 's'",
        "\"T\":1790649901913,||missing field 'T'",
        "\"t\":6720857582|\"t\":\"6720857582\"|field 't' must be an integer",
        "\"t\":6720857582|\"t\":99999999999999999999|field 't' is out of range: 99999999999999999999",
        "\"t\":6720857582|\"t\":-1|field 't' must not be negative: -1",
        "\"t\":6720857582|\"t\":6720857582.5|field 't' must be an integer",
        "\"m\":true|\"m\":\"true\"|field 'm' must be a boolean",
        "\"M\":true|\"M\":1|field 'M' must be a boolean",
        "\"T\":1790649901913|\"T\":-1790649901913|field 'T' is not an epoch time in ms or µs: -1790649901913",
        "\"E\":1790649901913|\"E\":null|field 'E' must be an integer",
        "\"e\":\"trade\",||missing field 'e'",
        "\"e\":\"trade\"|\"e\":7|field 'e' must be a string",
    })
    void reportsWhyATradeFrameIsMalformed(String original, String replacement, String reason) {
        String frame = DOCUMENTED_BTC_FRAME.replace(original, replacement == null ? "" : replacement);
        assertThat(frame).isNotEqualTo(DOCUMENTED_BTC_FRAME);

        assertThat(parser.parse(frame, RECEIVED_AT)).isEqualTo(new ParseResult.Malformed(reason));
    }

    @Test
    void reportsInvalidJson() {
        String truncated = DOCUMENTED_BTC_FRAME.substring(0, 60);

        assertThat(parser.parse(truncated, RECEIVED_AT)).isInstanceOfSatisfying(ParseResult.Malformed.class,
                malformed -> assertThat(malformed.reason()).startsWith("invalid JSON: "));
    }

    @Test
    void reportsAFrameThatIsNotAnObject() {
        assertThat(parser.parse("[1,2,3]", RECEIVED_AT)).isEqualTo(new ParseResult.Malformed("frame is not a JSON object"));
    }

    @Test
    void reportsCombinedFrameWhoseDataIsNotAnObject() {
        assertThat(parser.parse("{\"stream\":\"btcusdt@trade\",\"data\":\"trade\"}", RECEIVED_AT))
                .isEqualTo(new ParseResult.Malformed("field 'data' is not an object"));
    }

    @Test
    void reportsContentAfterTheObject() {
        assertThat(parser.parse(DOCUMENTED_BTC_FRAME + "{}", RECEIVED_AT))
                .isEqualTo(new ParseResult.Malformed("unexpected content after the JSON object"));
    }

    private static Trade tradeOf(ParseResult result) {
        assertThat(result).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed) result).trade();
    }
}
