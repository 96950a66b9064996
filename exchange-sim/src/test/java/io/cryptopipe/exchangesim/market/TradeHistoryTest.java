package io.cryptopipe.exchangesim.market;

import io.cryptopipe.exchangesim.SimTrade;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TradeHistoryTest {

    private static TradeHistory historyOf(int trades, int limit) {
        TradeHistory history = new TradeHistory("BTCUSDT", 1_000, limit);
        for (int i = 0; i < trades; i++) {
            history.append(EightDecimals.ONE + i, 1_000, 1_700_000_000_000L + i, i % 2 == 0);
        }
        return history;
    }

    @Test
    void assignsContiguousIdsFromTheFirstId() {
        SimTrade trade = new TradeHistory("BTCUSDT", 1_000, 10).append(8_303_429_000_000L, 62_000, 5L, true);

        assertThat(trade).isEqualTo(new SimTrade("BTCUSDT", 1_000, "83034.29000000", "0.00062000", 5L, true));
    }

    @Test
    void keepsOnlyTheMostRecentTradesBeyondTheLimit() {
        TradeHistory history = historyOf(5_000, 3_000);

        assertThat(history.all()).hasSize(3_000);
        assertThat(history.all().get(0).id()).isEqualTo(3_000);
        assertThat(history.all().get(2_999).id()).isEqualTo(5_999);
        assertThat(history.all().get(2_999).tradeTimeMs()).isEqualTo(1_700_000_000_000L + 4_999);
        assertThat(history.tradeCount()).isEqualTo(5_000);
    }

    @Test
    void servesAWindowFromAnId() {
        TradeHistory history = historyOf(100, 1_000);

        assertThat(history.from(1_010, 5)).extracting(SimTrade::id).containsExactly(1_010L, 1_011L, 1_012L, 1_013L, 1_014L);
        assertThat(history.from(1_098, 5)).extracting(SimTrade::id).containsExactly(1_098L, 1_099L);
        assertThat(history.from(2_000, 5)).isEmpty();
    }

    @Test
    void windowBeforeTheRetainedTradesStartsAtTheOldestRetained() {
        TradeHistory history = historyOf(100, 10);

        assertThat(history.from(0, 3)).extracting(SimTrade::id).containsExactly(1_090L, 1_091L, 1_092L);
    }

    @Test
    void latestReturnsTheNewestTradesOldestFirst() {
        TradeHistory history = historyOf(100, 1_000);

        assertThat(history.latest(3)).extracting(SimTrade::id).containsExactly(1_097L, 1_098L, 1_099L);
        assertThat(historyOf(2, 10).latest(5)).hasSize(2);
    }
}
