package io.cryptopipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SymbolsOptionTest {

    @Test
    void anUnqualifiedOrBinanceSymbolIsBinancesAndStaysBare() {
        assertThat(SymbolsOption.parse("btcusdt,binance:ETHUSDT")).containsExactly("BTCUSDT", "ETHUSDT");
    }

    @Test
    void anotherVenuesSymbolIsKeyedWithItsExchangeInLowerCase() {
        assertThat(SymbolsOption.parse("Coinbase:btc-usd, BTCUSDT, coinbase:BTC-USD"))
                .containsExactly("coinbase:BTC-USD", "BTCUSDT");
    }

    @Test
    void anUnknownExchangeIsOneLineNamingTheKnownOnes() {
        assertThatThrownBy(() -> SymbolsOption.parse("mtgox:BTC-USD"))
                .isInstanceOf(UserError.class)
                .hasMessage("--symbols names an unknown exchange in 'mtgox:BTC-USD': use binance or one of [bybit, coinbase, kraken, okx], e.g. coinbase:BTC-USD");
    }

    @Test
    void aVenueSymbolWithSpacesInsideIsRefused() {
        assertThatThrownBy(() -> SymbolsOption.parse("coinbase:BTC USD"))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("--symbols has an invalid symbol 'coinbase:BTC USD'");
    }
}
