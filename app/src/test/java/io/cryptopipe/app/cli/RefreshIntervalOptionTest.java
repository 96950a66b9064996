package io.cryptopipe.app.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshIntervalOptionTest {
    @Test
    void takesMillisecondsSecondsMinutesAndHours() {
        assertThat(RefreshIntervalOption.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(RefreshIntervalOption.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(RefreshIntervalOption.parse(" 2S ")).isEqualTo(Duration.ofSeconds(2));
        assertThat(RefreshIntervalOption.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(RefreshIntervalOption.parse("1h")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void zeroWithOrWithoutAUnitIsOff() {
        assertThat(RefreshIntervalOption.parse("0")).isZero();
        assertThat(RefreshIntervalOption.parse("0s")).isZero();
    }

    @Test
    void aNumberWithoutAUnitOrAnythingElseIsNotADuration() {
        assertThat(RefreshIntervalOption.parse("5")).isNull();
        assertThat(RefreshIntervalOption.parse("-5s")).isNull();
        assertThat(RefreshIntervalOption.parse("5 seconds")).isNull();
        assertThat(RefreshIntervalOption.parse("99999999999s")).isNull();
    }
}
