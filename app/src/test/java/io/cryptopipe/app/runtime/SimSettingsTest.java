package io.cryptopipe.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SimSettingsTest {

    @Test
    void theEmbeddedExchangeKeepsAMillionTradesInAllSharedByItsSymbols() {
        assertThat(PipelineSettings.SimSettings.historyPerSymbol(50) * 50).isEqualTo(1_000_000);
        assertThat(PipelineSettings.SimSettings.historyPerSymbol(4)).isEqualTo(250_000);
    }

    @Test
    void eachSymbolKeepsAtLeastTenThousandTradesHoweverManyThereAre() {
        assertThat(PipelineSettings.SimSettings.historyPerSymbol(500)).isEqualTo(10_000);
    }
}
