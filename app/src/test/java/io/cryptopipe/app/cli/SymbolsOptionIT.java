package io.cryptopipe.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cryptopipe.exchangesim.ExchangeSimulator;
import io.cryptopipe.exchangesim.SimulatorConfig;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code --symbols} as {@code up} and {@code ingest} read it, against the simulator's exchangeInfo. */
class SymbolsOptionIT {
    @Test
    void aSelectorBecomesTheExchangesTradingSymbolsAndAListStaysAsGiven() {
        try (ExchangeSimulator simulator = new ExchangeSimulator(
                new SimulatorConfig("127.0.0.1", 0, List.of("BTCUSDT", "BNBBTC", "ETHUSDT"), 10, 1, 0))) {
            simulator.start();

            assertThat(SymbolsOption.resolve("all:usdt", simulator.restBaseUri())).containsExactly("BTCUSDT", "ETHUSDT");
            assertThat(SymbolsOption.resolve("solusdt, btcusdt", simulator.restBaseUri())).containsExactly("SOLUSDT", "BTCUSDT");
        }
    }

    @Test
    void anExchangeThatCannotBeAskedIsOneLineNamingTheUrl() {
        assertThatThrownBy(() -> SymbolsOption.resolve("all", URI.create("http://127.0.0.1:9")))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("cannot list symbols from http://127.0.0.1:9/api/v3/exchangeInfo");
    }
}
