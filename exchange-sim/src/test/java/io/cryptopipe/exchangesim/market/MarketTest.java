package io.cryptopipe.exchangesim.market;

import io.cryptopipe.exchangesim.SimTrade;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class MarketTest {

    private static final long NOW = 1_790_649_901_913L;

    private static List<SimTrade> tradesOf(String symbol, List<String> symbols, long seed, int count) {
        Market market = new Market(symbols, seed, 0, 100_000);
        market.trade(count, NOW);
        return market.history(symbol).orElseThrow().all();
    }

    @Test
    void continuesAPreviousSessionsIdsWhereGiven() {
        Market market = new Market(List.of("BTCUSDT", "ETHUSDT"), 7, 0, 100, Map.of("BTCUSDT", 1_500_000_000L));

        List<SimTrade> trades = market.trade(4, 1_700_000_000_000L);

        assertThat(trades).filteredOn(t -> t.symbol().equals("BTCUSDT")).extracting(SimTrade::id)
                .containsExactly(1_500_000_001L, 1_500_000_002L);
        assertThat(trades).filteredOn(t -> t.symbol().equals("ETHUSDT")).extracting(SimTrade::id)
                .first().isEqualTo(new Market(List.of("ETHUSDT"), 7, 0, 100).trade(1, 0).get(0).id());
    }

    @Test
    void sameSeedGivesTheSameTrades() {
        assertThat(tradesOf("BTCUSDT", List.of("BTCUSDT", "ETHUSDT"), 7, 2_000))
                .isEqualTo(tradesOf("BTCUSDT", List.of("BTCUSDT", "ETHUSDT"), 7, 2_000));
    }

    @Test
    void differentSeedsGiveDifferentTrades() {
        assertThat(tradesOf("BTCUSDT", List.of("BTCUSDT"), 7, 100))
                .isNotEqualTo(tradesOf("BTCUSDT", List.of("BTCUSDT"), 8, 100));
    }

    @Test
    void aSymbolsTradesDoNotDependOnTheOtherSymbolsOrBatching() {
        Market batched = new Market(List.of("SOLUSDT", "BTCUSDT"), 7, 0, 1_000);
        for (int i = 0; i < 100; i++) {
            batched.trade(3, NOW);
        }

        assertThat(batched.history("BTCUSDT").orElseThrow().all())
                .isEqualTo(tradesOf("BTCUSDT", List.of("BTCUSDT"), 7, 150));
    }

    @Test
    void idsAreContiguousPerSymbolFromALargeSeedDerivedBase() {
        List<SimTrade> trades = tradesOf("ETHUSDT", List.of("BTCUSDT", "ETHUSDT"), 42, 1_000);

        long first = trades.get(0).id();
        assertThat(first).isBetween(1_000_000_000L, 2_000_000_000L);
        assertThat(trades).extracting(SimTrade::id)
                .isEqualTo(LongStream.range(first, first + 500).boxed().toList());
    }

    @Test
    void splitsTheTradesEvenlyOverSymbols() {
        Market market = new Market(List.of("BTCUSDT", "ETHUSDT", "BNBUSDT"), 1, 0, 1_000);
        Map<String, Long> perSymbol = market.trade(300, NOW).stream()
                .collect(Collectors.groupingBy(SimTrade::symbol, Collectors.counting()));

        assertThat(perSymbol).containsOnly(Map.entry("BTCUSDT", 100L), Map.entry("ETHUSDT", 100L), Map.entry("BNBUSDT", 100L));
    }

    @Test
    void pricesStayPositiveOnTickAndQuantitiesOnLot() {
        List<SimTrade> trades = tradesOf("DOGEUSDT", List.of("DOGEUSDT"), 3, 10_000);

        BigDecimal tick = new BigDecimal("0.00001");
        assertThat(trades).allSatisfy(trade -> {
            assertThat(trade.price()).matches("[0-9]+\\.[0-9]{8}");
            assertThat(trade.quantity()).matches("[0-9]+\\.[0-9]{8}");
            assertThat(new BigDecimal(trade.price())).isPositive();
            assertThat(new BigDecimal(trade.price()).remainder(tick)).isZero();
            assertThat(new BigDecimal(trade.quantity())).isGreaterThanOrEqualTo(BigDecimal.ONE);
        });
    }

    @Test
    void btcTradesNearItsOpeningPrice() {
        List<SimTrade> trades = tradesOf("BTCUSDT", List.of("BTCUSDT"), 42, 1_000);

        assertThat(trades).allSatisfy(trade ->
                assertThat(new BigDecimal(trade.price())).isBetween(new BigDecimal("80000"), new BigDecimal("86000")));
        assertThat(trades).extracting(SimTrade::buyerMaker).contains(true, false);
    }

    @Test
    void stopsEachSymbolAtItsCapAndThenReportsFinished() {
        Market market = new Market(List.of("BTCUSDT", "ETHUSDT"), 1, 10, 1_000);

        assertThat(market.trade(15, NOW)).hasSize(15);
        assertThat(market.finished()).isFalse();
        assertThat(market.trade(15, NOW)).hasSize(5);
        assertThat(market.finished()).isTrue();
        assertThat(market.history("BTCUSDT").orElseThrow().all()).hasSize(10);
        assertThat(market.trade(15, NOW)).isEmpty();
    }

    @Test
    void unlimitedMarketIsNeverFinished() {
        Market market = new Market(List.of("BTCUSDT"), 1, 0, 10);
        market.trade(100, NOW);

        assertThat(market.finished()).isFalse();
    }
}
