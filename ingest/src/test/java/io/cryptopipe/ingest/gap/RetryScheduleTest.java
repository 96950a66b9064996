package io.cryptopipe.ingest.gap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {
    private final RetrySchedule schedule = new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(3));
    private final BackfillFailed outage = new BackfillFailed("HTTP 503");
    private final BackfillFailed refusal = new BackfillFailed("HTTP 403", true, Duration.ZERO);

    @Test
    void theDelayDoublesWithEachFailedAttemptUpToTheCap() {
        assertThat(schedule.delay(1, outage)).isEqualTo(Duration.ofSeconds(2));
        assertThat(schedule.delay(2, outage)).isEqualTo(Duration.ofSeconds(4));
        assertThat(schedule.delay(5, outage)).isEqualTo(Duration.ofSeconds(32));
        assertThat(schedule.delay(7, outage)).isEqualTo(Duration.ofSeconds(128));
        assertThat(schedule.delay(8, outage)).isEqualTo(Duration.ofMinutes(3));
        assertThat(schedule.delay(10_000, outage)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aRefusalStartsOnTheSlowSchedule() {
        assertThat(schedule.delay(1, refusal)).isEqualTo(Duration.ofSeconds(30));
        assertThat(schedule.delay(2, refusal)).isEqualTo(Duration.ofSeconds(60));
        assertThat(schedule.delay(4, refusal)).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aRetryAfterIsNeverCutShortEvenBeyondTheCap() {
        assertThat(schedule.delay(1, new BackfillFailed("HTTP 429", false, Duration.ofSeconds(10)))).isEqualTo(Duration.ofSeconds(10));
        assertThat(schedule.delay(1, new BackfillFailed("HTTP 418", false, Duration.ofMinutes(10)))).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void aCapShorterThanTheFirstWaitsShortensThemToo() {
        RetrySchedule capped = schedule.cappedAt(Duration.ofSeconds(5));

        assertThat(capped.delay(1, outage)).isEqualTo(Duration.ofSeconds(2));
        assertThat(capped.delay(3, outage)).isEqualTo(Duration.ofSeconds(5));
        assertThat(capped.delay(1, refusal)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aScheduleThatShrinksIsRefused() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(3)))
                .hasMessageContaining("refusedFirst");
    }
}
