package io.cryptopipe.ingest.trade;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class TradeTest {

    @Test
    void refusesAPriceThatIsNotAPlainDecimal() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Trade("binance", "BTCUSDT", 1, "1e3", "1", true, 1, 1, 1, TradeSource.WS))
                .withMessageContaining("price");
    }

    @Test
    void refusesABlankSymbol() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Trade("binance", " ", 1, "1", "1", true, 1, 1, 1, TradeSource.WS))
                .withMessageContaining("symbol");
    }
}
