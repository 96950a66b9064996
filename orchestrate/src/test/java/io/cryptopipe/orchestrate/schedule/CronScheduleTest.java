package io.cryptopipe.orchestrate.schedule;

import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronScheduleTest {
    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 25, 10, 15, 30, 0, ZoneOffset.UTC);

    @Test
    void everyMinuteFiresAtTheStartOfTheNextMinute() {
        assertThat(CronSchedule.parse("* * * * *").nextAfter(AT)).isEqualTo(AT.withMinute(16).withSecond(0));
    }

    @Test
    void stepExpressionsFollowUnixCron() {
        assertThat(CronSchedule.parse("*/5 * * * *").nextAfter(AT)).isEqualTo(AT.withMinute(20).withSecond(0));
    }

    @Test
    void invalidExpressionNamesItselfAndTheExpectedShape() {
        assertThatThrownBy(() -> CronSchedule.parse("every minute"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'every minute'")
                .hasMessageContaining("five fields");
    }
}
