package io.cryptopipe.exchangesim.market;

import io.cryptopipe.exchangesim.SimTrade;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class TradeClockTest {

    private static final long MS = 1_000_000L;
    private static final long WALL = 1_790_649_901_913L;

    private final AtomicLong nanos = new AtomicLong();
    private final List<List<SimTrade>> batches = new ArrayList<>();

    /** Never started: the test drives {@link TradeClock#tick()} itself, from monotonic time 0. */
    private TradeClock clock(Market market, double rate) {
        return new TradeClock(market, rate, batches::add, nanos::get, () -> WALL);
    }

    private int traded() {
        return batches.stream().mapToInt(List::size).sum();
    }

    @Test
    void executesTheTradesDueEachTickInOneBatch() {
        TradeClock clock = clock(new Market(List.of("BTCUSDT"), 1, 0, 10_000), 100_000);

        nanos.addAndGet(10 * MS);
        clock.tick();

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0)).hasSize(1_000).allSatisfy(trade -> assertThat(trade.tradeTimeMs()).isEqualTo(WALL));
    }

    @Test
    void accumulatesFractionsSoSlowRatesKeepTheirAverage() {
        TradeClock clock = clock(new Market(List.of("BTCUSDT"), 1, 0, 10_000), 50);

        for (int tick = 0; tick < 100; tick++) {
            nanos.addAndGet(10 * MS);
            clock.tick();
        }

        assertThat(traded()).isEqualTo(50);
    }

    @Test
    void aRampUpClimbsLinearlyToTheFullRate() {
        TradeClock clock = new TradeClock(new Market(List.of("BTCUSDT"), 1, 0, 100_000), 10_000, Duration.ofSeconds(1),
                batches::add, nanos::get, () -> WALL);

        for (int tick = 0; tick < 100; tick++) {
            nanos.addAndGet(10 * MS);
            clock.tick();
        }
        int firstSecond = traded();
        for (int tick = 0; tick < 100; tick++) {
            nanos.addAndGet(10 * MS);
            clock.tick();
        }

        assertThat(firstSecond).as("half the rate on average").isBetween(4_900, 5_100);
        assertThat(traded() - firstSecond).isBetween(9_999, 10_000);
    }

    @Test
    void catchesUpAtMostOneSecondAfterAStall() {
        TradeClock clock = clock(new Market(List.of("BTCUSDT"), 1, 0, 10_000), 1_000);

        nanos.addAndGet(60_000 * MS);
        clock.tick();

        assertThat(traded()).isEqualTo(1_000);
    }

    @Test
    void stopsTradingOnceTheMarketIsFinished() {
        Market market = new Market(List.of("BTCUSDT"), 1, 20, 10_000);
        TradeClock clock = clock(market, 1_000);

        for (int tick = 0; tick < 10; tick++) {
            nanos.addAndGet(10 * MS);
            clock.tick();
        }

        assertThat(traded()).isEqualTo(20);
        assertThat(market.finished()).isTrue();
    }
}
