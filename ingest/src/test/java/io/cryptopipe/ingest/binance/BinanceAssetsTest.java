package io.cryptopipe.ingest.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cryptopipe.ingest.trade.AssetPair;
import org.junit.jupiter.api.Test;

class BinanceAssetsTest {
    private final BinanceAssets assets = new BinanceAssets();

    @Test
    void takesTheAssetsExchangeInfoLists() throws Exception {
        assets.learn(new ObjectMapper().readTree("{\"symbols\":[{\"symbol\":\"1000SATSUSDT\",\"baseAsset\":\"1000SATS\","
                + "\"quoteAsset\":\"USDT\"},{\"symbol\":\"BTCTUSD\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"TUSD\"}]}"));

        assertThat(assets.of("1000SATSUSDT")).isEqualTo(new AssetPair("1000SATS", "USDT"));
        assertThat(assets.of("BTCTUSD")).isEqualTo(new AssetPair("BTC", "TUSD"));
    }

    @Test
    void splitsASymbolItWasNotToldAboutAtItsLongestQuoteSuffix() {
        assertThat(assets.of("BTCFDUSD")).isEqualTo(new AssetPair("BTC", "FDUSD"));
        assertThat(assets.of("ETHBTC")).isEqualTo(new AssetPair("ETH", "BTC"));
        assertThat(assets.of("BTCUSD")).isEqualTo(new AssetPair("BTC", "USD"));
    }
}
