package io.cryptopipe.app.ingest;

import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.SimulatorConfig;
import io.cryptopipe.ingest.binance.SymbolDiscovery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --symbols all} and {@code all:<QUOTE>} against the simulator's exchangeInfo. */
class SymbolDiscoveryIT {
    private final ExchangeSimulator simulator = new ExchangeSimulator(
            new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT", "BNBBTC", "ETHUSDT"), 10, 1, 0));
    private final SymbolDiscovery discovery = new SymbolDiscovery(HttpClient.newHttpClient());

    @BeforeEach
    void start() {
        simulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    @Test
    void allListsEveryTradingSymbol() {
        assertThat(discovery.resolve(simulator.restBaseUri(), "all")).containsExactly("BTCUSDT", "BNBBTC", "ETHUSDT");
    }

    @Test
    void aQuoteAssetFilterKeepsOnlyItsSymbols() {
        assertThat(discovery.resolve(simulator.restBaseUri(), "all:usdt")).containsExactly("BTCUSDT", "ETHUSDT");
    }

    @Test
    void aQuoteAssetNobodyTradesIsAnError() {
        assertThatThrownBy(() -> discovery.resolve(simulator.restBaseUri(), "all:EUR"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no symbol is TRADING with quote asset EUR at " + simulator.restBaseUri() + "/api/v3/exchangeInfo");
    }

    @Test
    void recognisesOnlyTheAllSelectors() {
        assertThat(SymbolDiscovery.isSelector("ALL")).isTrue();
        assertThat(SymbolDiscovery.isSelector("all:BTC")).isTrue();
        assertThat(SymbolDiscovery.isSelector("ALLUSDT")).isFalse();
    }
}
