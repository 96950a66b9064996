package io.cryptopipe.exchangesim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorConfigTest {

    private static final List<String> BTC = List.of("BTCUSDT");

    @Test
    void defaultsListenOnLoopbackAndTradeForever() {
        SimulatorConfig config = SimulatorConfig.defaults(List.of("BTCUSDT", "ETHUSDT"));

        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.port()).isEqualTo(8765);
        assertThat(config.tradesPerSecond()).isEqualTo(50);
        assertThat(config.seed()).isEqualTo(42);
        assertThat(config.maxTradesPerSymbol()).isZero();
        assertThat(config.historyLimitPerSymbol()).isEqualTo(200_000);
    }

    @Test
    void sixArgumentConstructorUsesDefaultHistoryLimit() {
        assertThat(new SimulatorConfig("127.0.0.1", 0, BTC, 10, 1, 0).historyLimitPerSymbol())
                .isEqualTo(SimulatorConfig.DEFAULT_HISTORY_LIMIT_PER_SYMBOL);
    }

    @Test
    void withersReplaceOneField() {
        SimulatorConfig config = SimulatorConfig.defaults(BTC).withPort(0).withTradesPerSecond(1000).withSeed(7)
                .withMaxTradesPerSymbol(10).withHistoryLimit(5).withHost("localhost");

        assertThat(config).isEqualTo(new SimulatorConfig("localhost", 0, BTC, 1000, 7, 10, 5));
    }

    @Test
    void rejectsNonPositiveRateNamingTheField() {
        assertThatThrownBy(() -> SimulatorConfig.defaults(BTC).withTradesPerSecond(-1))
                .hasMessage("tradesPerSecond must be > 0, got -1");
        assertThatThrownBy(() -> SimulatorConfig.defaults(BTC).withTradesPerSecond(Double.NaN))
                .hasMessage("tradesPerSecond must be > 0, got NaN");
        assertThatThrownBy(() -> SimulatorConfig.defaults(BTC).withTradesPerSecond(2_000_000))
                .hasMessage("tradesPerSecond must be <= 1000000, got 2000000");
    }

    @Test
    void rejectsLowerCaseSymbols() {
        assertThatThrownBy(() -> SimulatorConfig.defaults(List.of("btcusdt")))
                .hasMessage("symbols must be upper-case letters and digits like BTCUSDT, got btcusdt");
    }

    @Test
    void rejectsSymbolsWithoutKnownQuoteAsset() {
        assertThatThrownBy(() -> SimulatorConfig.defaults(List.of("FOOBAR")))
                .hasMessageStartingWith("symbols must end with a known quote asset")
                .hasMessageEndingWith("got FOOBAR");
    }

    @Test
    void rejectsMissingOrRepeatedSymbols() {
        assertThatThrownBy(() -> SimulatorConfig.defaults(List.of())).hasMessageStartingWith("symbols must list");
        assertThatThrownBy(() -> SimulatorConfig.defaults(List.of("BTCUSDT", "BTCUSDT")))
                .hasMessage("symbols must not repeat, got BTCUSDT twice");
    }

    @Test
    void rejectsOutOfRangeFieldsNamingEach() {
        SimulatorConfig config = SimulatorConfig.defaults(BTC);
        assertThatThrownBy(() -> config.withHost(" ")).hasMessage("host must not be blank");
        assertThatThrownBy(() -> config.withPort(70_000)).hasMessage("port must be between 0 and 65535, got 70000");
        assertThatThrownBy(() -> config.withMaxTradesPerSymbol(-5))
                .hasMessage("maxTradesPerSymbol must be >= 0 (0 = unlimited), got -5");
        assertThatThrownBy(() -> config.withHistoryLimit(0))
                .hasMessage("historyLimitPerSymbol must be between 1 and 10000000, got 0");
    }

    @Test
    void copiesSymbolsSoLaterChangesDoNotLeakIn() {
        List<String> symbols = new ArrayList<>(BTC);
        SimulatorConfig config = SimulatorConfig.defaults(symbols);
        symbols.add("ETHUSDT");

        assertThat(config.symbols()).containsExactly("BTCUSDT");
    }
}
