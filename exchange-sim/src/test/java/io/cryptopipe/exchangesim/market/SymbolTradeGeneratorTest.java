package io.cryptopipe.exchangesim.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolTradeGeneratorTest {

    @Test
    void priceNeverFallsBelowOneTickEvenWhenOpeningAtTheFloor() {
        long tick = 1_000_000;
        SymbolSpec nearZero = new SymbolSpec("XUSDT", "X", "USDT", 2 * tick, tick, 1_000, 100);
        SymbolTradeGenerator generator = new SymbolTradeGenerator(nearZero, 5);

        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 50_000; i++) {
            lowest = Math.min(lowest, generator.next().price());
        }

        assertThat(lowest).isEqualTo(tick);
    }

    @Test
    void quantitiesAreWholeLotsUpToTheLargestTrade() {
        SymbolSpec btc = SymbolSpec.of("BTCUSDT");
        SymbolTradeGenerator generator = new SymbolTradeGenerator(btc, 5);

        for (int i = 0; i < 10_000; i++) {
            long quantity = generator.next().quantity();
            assertThat(quantity % btc.lotSize()).isZero();
            assertThat(quantity).isBetween(btc.lotSize(), btc.lotSize() * btc.maxLots());
        }
    }
}
