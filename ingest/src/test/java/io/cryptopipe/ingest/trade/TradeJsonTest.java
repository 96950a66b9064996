package io.cryptopipe.ingest.trade;

import static org.assertj.core.api.Assertions.assertThat;

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
}
