package io.cryptopipe.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @Test
    void doublesTheCeilingWithEachAttemptUpToTheMaximum() {
        assertThat(backoff.ceilingMillis(1)).isEqualTo(500);
        assertThat(backoff.ceilingMillis(2)).isEqualTo(1_000);
        assertThat(backoff.ceilingMillis(3)).isEqualTo(2_000);
        assertThat(backoff.ceilingMillis(7)).isEqualTo(30_000);
        assertThat(backoff.ceilingMillis(1_000)).isEqualTo(30_000);
    }

    @Test
    void jittersBetweenHalfAndTheWholeCeiling() {
        for (int attempt = 1; attempt < 12; attempt++) {
            long ceiling = backoff.ceilingMillis(attempt);
            for (int i = 0; i < 200; i++) {
                assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 2, ceiling);
            }
        }
    }

    @Test
    void spreadsDelaysOfTheSameAttempt() {
        long distinct = java.util.stream.IntStream.range(0, 50).mapToLong(i -> backoff.delay(6).toMillis()).distinct().count();

        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void refusesAMaximumBelowTheInitialDelay() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    }
}
