package io.cryptopipe.ingest.trade;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimalsTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "100", "0.001", "83034.29000000", "0.00062000"})
    void acceptsPlainNonNegativeDecimals(String text) {
        assertThat(Decimals.isPlainNonNegative(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "1e5", "1.5E-3", ".5", "5.", "NaN", " 1", "1 ", "1,5", "0x10", "1.2.3"})
    void rejectsAnythingElse(String text) {
        assertThat(Decimals.isPlainNonNegative(text)).isFalse();
    }
}
