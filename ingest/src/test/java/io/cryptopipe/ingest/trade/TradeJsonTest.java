package io.cryptopipe.ingest.trade;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TradeJsonTest {
    private final TradeJson json = new TradeJson();

    @Test
    void writesTheTopicContractExactly() {
        Trade trade = new Trade("binance", "BTCUSDT", 6720857582L, "83034.29000000", "0.00062000", true,
                1790649901913000L, 1790649901913000L, 1790649901950123L, TradeSource.WS);

        assertThat(json.toJson(trade)).isEqualTo("{\"exchange\":\"binance\",\"symbol\":\"BTCUSDT\",\"trade_id\":6720857582,"
                + "\"price\":\"83034.29000000\",\"quantity\":\"0.00062000\",\"is_buyer_maker\":true,"
                + "\"trade_time_us\":1790649901913000,\"event_time_us\":1790649901913000,"
                + "\"ingest_time_us\":1790649901950123,\"source\":\"ws\"}");
    }

    @Test
    void writesTheCanonicalAssetsLastWhenTheTradeHasThem() {
        Trade trade = new Trade("coinbase", "BTC-USD", 10, "400.23", "5.23512", false,
                1415348367028459L, 1415348367028459L, 1415348367100000L, TradeSource.WS, new AssetPair("XBT", "usd"));

        assertThat(json.toJson(trade)).isEqualTo("{\"exchange\":\"coinbase\",\"symbol\":\"BTC-USD\",\"trade_id\":10,"
                + "\"price\":\"400.23\",\"quantity\":\"5.23512\",\"is_buyer_maker\":false,"
                + "\"trade_time_us\":1415348367028459,\"event_time_us\":1415348367028459,\"ingest_time_us\":1415348367100000,"
                + "\"source\":\"ws\",\"base_asset\":\"BTC\",\"quote_asset\":\"USD\"}");
        assertThat(new String(json.toJsonBytes(trade), StandardCharsets.UTF_8)).isEqualTo(json.toJson(trade));
    }

    @Test
    void bytesAreTheUtf8OfTheText() {
        Trade trade = new Trade("binance", "BNBBTC", 12345, "0.001", "100", false,
                1672515782136000L, 1672515782136000L, 1672515782200000L, TradeSource.REPLAY);

        assertThat(new String(json.toJsonBytes(trade), StandardCharsets.UTF_8)).isEqualTo(json.toJson(trade))
                .contains("\"is_buyer_maker\":false").endsWith("\"source\":\"replay\"}");
    }

    @Test
    void escapesQuotesInSymbols() {
        Trade trade = new Trade("binance", "A\"B\\C", 1, "1", "1", false, 1, 1, 1, TradeSource.WS);

        assertThat(json.toJson(trade)).contains("\"symbol\":\"A\\\"B\\\\C\"");
    }

    @Test
    void escapesControlAndNonAsciiCharactersSoTheBytesAreAscii() throws Exception {
        Trade trade = new Trade("b\u00f6rse", "BTC\u20acUSD\u0001", 1, "1", "1", false, 1, 1, 1, TradeSource.WS);

        byte[] bytes = json.toJsonBytes(trade);

        assertThat(new String(bytes, StandardCharsets.US_ASCII)).contains("\"exchange\":\"b\\u00f6rse\"")
                .contains("\"symbol\":\"BTC\\u20acUSD\\u0001\"");
        JsonNode read = new ObjectMapper().readTree(bytes);
        assertThat(read.get("exchange").asText()).isEqualTo(trade.exchange());
        assertThat(read.get("symbol").asText()).isEqualTo(trade.symbol());
    }

    @Test
    void writesEveryLongAsJavaDoesIncludingNegativeAndExtremeTimes() throws Exception {
        Trade trade = new Trade("binance", "BTCUSDT", Long.MAX_VALUE, "0", "0.1", true,
                Long.MIN_VALUE, -1, 0, TradeSource.REPLAY);

        JsonNode read = new ObjectMapper().readTree(json.toJsonBytes(trade));

        assertThat(read.get("trade_id").asLong()).isEqualTo(Long.MAX_VALUE);
        assertThat(read.get("trade_time_us").asLong()).isEqualTo(Long.MIN_VALUE);
        assertThat(read.get("event_time_us").asLong()).isEqualTo(-1);
        assertThat(read.get("ingest_time_us").asLong()).isZero();
        assertThat(read.get("price").asText()).isEqualTo("0");
        assertThat(read.get("source").asText()).isEqualTo(TradeSource.REPLAY.wireName());
    }

    @Test
    void everyDigitCountOfATradeIdWritesTheWholeRecord() throws Exception {
        for (long id = 1; id > 0 && id <= Long.MAX_VALUE / 10; id = id * 10 + 9) {
            Trade trade = new Trade("binance", "ETHUSDT", id, "2000.5", "3", false, id, id, id, TradeSource.WS);

            assertThat(new ObjectMapper().readTree(json.toJsonBytes(trade)).get("trade_id").asLong()).isEqualTo(id);
        }
    }
}
