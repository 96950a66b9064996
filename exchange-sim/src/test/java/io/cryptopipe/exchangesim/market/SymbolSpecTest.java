package io.cryptopipe.exchangesim.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolSpecTest {

    @Test
    void splitsBaseAndQuoteByKnownQuoteSuffix() {
        assertThat(SymbolSpec.of("BTCUSDT")).extracting(SymbolSpec::baseAsset, SymbolSpec::quoteAsset)
                .containsExactly("BTC", "USDT");
        assertThat(SymbolSpec.of("ETHFDUSD")).extracting(SymbolSpec::baseAsset, SymbolSpec::quoteAsset)
                .containsExactly("ETH", "FDUSD");
        assertThat(SymbolSpec.of("BNBBTC")).extracting(SymbolSpec::baseAsset, SymbolSpec::quoteAsset)
                .containsExactly("BNB", "BTC");
    }

    @Test
    void wellKnownSymbolsOpenNearRealPricesWithBinanceTickSizes() {
        SymbolSpec btc = SymbolSpec.of("BTCUSDT");
        assertThat(EightDecimals.format(btc.openPrice())).isEqualTo("83000.00000000");
        assertThat(EightDecimals.format(btc.tickSize())).isEqualTo("0.01000000");
        assertThat(EightDecimals.format(SymbolSpec.of("ETHUSDC").openPrice())).isEqualTo("3000.00000000");
    }

    @Test
    void unknownBasesGetADefaultMarket() {
        assertThat(EightDecimals.format(SymbolSpec.of("PEPEUSDT").openPrice())).isEqualTo("100.00000000");
        assertThat(EightDecimals.format(SymbolSpec.of("LINKBTC").openPrice())).isEqualTo("0.05000000");
    }

    @Test
    void symbolThatIsOnlyAQuoteAssetHasNoQuote() {
        assertThat(SymbolSpec.quoteAssetOf("USDT")).isEmpty();
    }
}
