package io.cryptopipe.app.history;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricHistoryTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void keepsOnePointPerResolutionSlotWithTheLatestValue() {
        MetricHistory history = new MetricHistory(Duration.ofSeconds(5), Duration.ofMinutes(1));
        history.record("sinkLag", T0, 1);
        history.record("sinkLag", T0.plusSeconds(2), 2);
        history.record("sinkLag", T0.plusSeconds(6), 3);

        assertThat(history.since(T0).get("sinkLag")).containsExactly(
                List.of(T0.plusSeconds(2).toEpochMilli(), 2.0), List.of(T0.plusSeconds(6).toEpochMilli(), 3.0));
    }

    @Test
    void holdsNoMoreThanItsSpanHowEverLongItRecords() {
        MetricHistory history = new MetricHistory(Duration.ofSeconds(5), Duration.ofMinutes(1));
        for (int i = 0; i < 1_000; i++) {
            history.record("tradesPerSecond", T0.plusSeconds(5L * i), i);
        }

        List<List<Number>> points = history.since(Instant.EPOCH).get("tradesPerSecond");
        assertThat(points).hasSize(12);
        assertThat(points.get(0)).containsExactly(T0.plusSeconds(5L * 988).toEpochMilli(), 988.0);
        assertThat(points.get(11)).containsExactly(T0.plusSeconds(5L * 999).toEpochMilli(), 999.0);
    }

    @Test
    void answersOnlyThePointsInTheWindowOldestFirst() {
        MetricHistory history = new MetricHistory(Duration.ofSeconds(5), Duration.ofHours(1));
        for (int i = 0; i < 10; i++) {
            history.record("openGaps", T0.plusSeconds(60L * i), i);
        }

        assertThat(history.since(T0.plusSeconds(420)).get("openGaps")).extracting(p -> p.get(1))
                .containsExactly(7.0, 8.0, 9.0);
    }

    @Test
    void dropsValuesOlderThanTheSeriesNewestPointAndValuesThatAreNotNumbers() {
        MetricHistory history = new MetricHistory(Duration.ofSeconds(5), Duration.ofHours(1));
        history.record("dagRunSeconds", T0.plusSeconds(60), 4);
        history.record("dagRunSeconds", T0, 9);
        history.record("dagRunSeconds", T0.plusSeconds(120), Double.NaN);

        assertThat(history.since(T0).get("dagRunSeconds")).containsExactly(List.of(T0.plusSeconds(60).toEpochMilli(), 4.0));
    }

    @Test
    void refusesAResolutionLongerThanItsSpan() {
        assertThatThrownBy(() -> new MetricHistory(Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
