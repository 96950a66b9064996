package io.cryptopipe.exchangesim.market;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EightDecimalsTest {

    @Test
    void formatsWithExactlyEightDecimalsLikeBinance() {
        assertThat(EightDecimals.format(8_303_429_000_000L)).isEqualTo("83034.29000000");
        assertThat(EightDecimals.format(62_000L)).isEqualTo("0.00062000");
        assertThat(EightDecimals.format(1L)).isEqualTo("0.00000001");
        assertThat(EightDecimals.format(0L)).isEqualTo("0.00000000");
    }

    @Test
    void parsesWhatItFormats() {
        assertThat(EightDecimals.parse("83034.29000000")).isEqualTo(8_303_429_000_000L);
        assertThat(EightDecimals.parse("0.01")).isEqualTo(1_000_000L);
    }

    @Test
    void refusesMoreThanEightDecimals() {
        assertThatThrownBy(() -> EightDecimals.parse("0.000000001")).isInstanceOf(ArithmeticException.class);
    }
}
